import { DynamicModule, Module, Type } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DestinationStream } from 'pino';
import { DataSource } from 'typeorm';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { ClockModule } from './common/clock/clock';
import { AllExceptionsFilter } from './common/errors/all-exceptions.filter';
import { createValidationPipe } from './common/validation/validation.pipe';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DeadlinesModule } from './deadlines/deadlines.module';
import { HealthModule } from './health/health.module';
import { IntegrityReportsModule } from './integrity-reports/integrity-reports.module';
import { appDatabaseRole, appDataSourceOptions } from './infrastructure/database/data-source-options';
import { ReadDataSourceModule } from './infrastructure/database/read-data-source';
import { enforceTenancy } from './infrastructure/database/tenancy';
import { LoggingModule } from './infrastructure/logging/logging.module';
import { RequestContextModule } from './infrastructure/request-context/request-context';
import { MetricsModule } from './infrastructure/metrics/metrics.module';
import { QueueModule } from './infrastructure/queue/queue.module';
import { RedisModule } from './infrastructure/redis/redis.module';
import { NotificationsModule } from './notifications/notifications.module';
import { OrganizationsModule } from './organizations/organizations.module';
import { UsersModule } from './users/users.module';
import { ComplaintsModule } from './complaints/complaints.module';
import { StatisticsModule } from './statistics/statistics.module';
import { HandbookModule } from './handbook/handbook.module';
import { ReferenceDataModule } from './reference-data/labels.controller';
import { WebModule } from './web/web.module';
import { IdempotencyModule } from './infrastructure/idempotency/idempotency.module';
import { WorkerModule } from './worker.module';

export interface AppModuleOptions {
  /** where the JSON log lines go instead of standard output (tests capture them) */
  logDestination?: DestinationStream;
}

/** Feature modules: services, controllers and queue producers. Shared by both roles. */
const FEATURES: Type[] = [
  AuditModule,
  IdempotencyModule,
  OrganizationsModule,
  UsersModule,
  AuthModule,
  HealthModule,
  DeadlinesModule,
  IntegrityReportsModule,
  NotificationsModule,
  ComplaintsModule,
  StatisticsModule,
  HandbookModule,
  ReferenceDataModule,
  WebModule,
];

/**
 * One build, two roles: the API serves HTTP and only enqueues; the worker runs the queue processors
 * (WorkerModule) and serves no routes. `all` does both in one process.
 */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig, options: AppModuleOptions = {}): DynamicModule {
    const runsWorkers = config.app.role !== 'api';
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        RequestContextModule,
        LoggingModule.forRoot(config, options.logDestination),
        // as rongrian_app, each transaction carrying its tenancy (row-level security, tenancy.ts)
        TypeOrmModule.forRootAsync({
          useFactory: () => ({ ...appDataSourceOptions(config), retryAttempts: 2, retryDelay: 1000 }),
          dataSourceFactory: async (options) =>
            enforceTenancy(await new DataSource(options!).initialize(), 'system', appDatabaseRole(config)),
        }),
        ReadDataSourceModule,
        ClockModule,
        RedisModule,
        QueueModule,
        MetricsModule,
        ...FEATURES,
        ...(runsWorkers ? [WorkerModule] : []),
      ],
      providers: [
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
        { provide: APP_PIPE, useFactory: createValidationPipe },
      ],
    };
  }
}
