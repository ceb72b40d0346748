import { Controller, Get, Global, Header, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '../../common/auth/decorators';
import { OperationalCounter } from './entities/operational-counter.entity';
import { MetricsRegistry } from './metrics-registry';
import { OperationalCounters } from './operational-counters';

export { MetricsRegistry };

@ApiExcludeController()
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly registry: MetricsRegistry) {}

  /** Counts only (no names, addresses, ids or contents), so it is served without sign-in like /health. */
  @Get()
  @Header('cache-control', 'no-store')
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  async metrics(): Promise<string> {
    return this.registry.metrics();
  }
}

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([OperationalCounter])],
  providers: [{ provide: MetricsRegistry, useFactory: () => new MetricsRegistry() }, OperationalCounters],
  controllers: [MetricsController],
  exports: [MetricsRegistry, OperationalCounters],
})
export class MetricsModule {}
