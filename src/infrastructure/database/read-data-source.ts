import { Global, Inject, Injectable, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { appDatabaseRole, appDataSourceOptions } from './data-source-options';
import { enforceTenancy } from './tenancy';

/**
 * The database that statistics read from: DATABASE_READ_URL (a read-only replica, or a pooler in
 * front of one) when it is set, otherwise the primary DataSource itself. Only reads go there, so a
 * replica's lag shows as slightly older figures (already cached for STATISTICS_CACHE_SECONDS).
 */
export const READ_DATA_SOURCE = Symbol('READ_DATA_SOURCE');

@Injectable()
class ReadDataSourceLifecycle implements OnApplicationShutdown {
  constructor(
    @Inject(READ_DATA_SOURCE) private readonly read: DataSource,
    @Inject(getDataSourceToken()) private readonly primary: DataSource,
  ) {}
  async onApplicationShutdown(): Promise<void> {
    if (this.read !== this.primary && this.read.isInitialized) await this.read.destroy();
  }
}

@Global()
@Module({
  providers: [
    {
      provide: READ_DATA_SOURCE,
      inject: [AppConfig, getDataSourceToken()],
      useFactory: async (config: AppConfig, primary: DataSource): Promise<DataSource> => {
        const url = config.database.readUrl;
        if (!url) return primary;
        const options = appDataSourceOptions(config, url);
        const read = new DataSource({
          ...options,
          // raw SQL only: no entities to load, never a migration
          entities: [],
          migrations: [],
          extra: { ...(options.extra as object), application_name: `rongrian-${config.app.role}-read` },
        });
        enforceTenancy(await read.initialize(), 'system', appDatabaseRole(config));
        new Logger('Database').log('Statistics read from DATABASE_READ_URL');
        return read;
      },
    },
    ReadDataSourceLifecycle,
  ],
  exports: [READ_DATA_SOURCE],
})
export class ReadDataSourceModule {}
