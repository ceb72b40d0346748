import { Controller, Get, Global, Header, Module } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Registry } from 'prom-client';
import { Public } from '../../common/auth/decorators';

/**
 * The application's Prometheus registry (one per application instance, not prom-client's global
 * one, so that several instances in one process do not collide). Features register their metrics
 * on it; values that live in PostgreSQL are read at scrape time, so any instance reports them all.
 */
export class MetricsRegistry extends Registry {}

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
  providers: [{ provide: MetricsRegistry, useFactory: () => new MetricsRegistry() }],
  controllers: [MetricsController],
  exports: [MetricsRegistry],
})
export class MetricsModule {}
