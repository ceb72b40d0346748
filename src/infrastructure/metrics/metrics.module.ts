import { Controller, Get, Global, Header, Headers, Module, NotFoundException } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import { ApiExcludeController } from '@nestjs/swagger';
import { Registry } from 'prom-client';
import { Public } from '../../common/auth/decorators';
import { DomainError } from '../../common/errors/domain-error';
import { AppConfig } from '../../config/app-config';

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
  constructor(
    private readonly registry: MetricsRegistry,
    private readonly config: AppConfig,
  ) {}

  /**
   * Counts only (no names, addresses, ids or contents), but counts that move (mail waiting by
   * template, for one) tell when something happened, such as an integrity report arriving: served
   * only with `Authorization: Bearer <METRICS_TOKEN>`, and not at all without METRICS_TOKEN (404).
   */
  @Get()
  @Header('cache-control', 'no-store')
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  async metrics(@Headers('authorization') authorization?: string): Promise<string> {
    const token = this.config.privacy.metricsToken;
    if (!token) throw new NotFoundException('Cannot GET /metrics');
    if (!sameSecret(authorization ?? '', `Bearer ${token}`)) throw new DomainError('UNAUTHENTICATED');
    return this.registry.metrics();
  }
}

/** Constant-time comparison (of digests, so that lengths do not matter either). */
function sameSecret(given: string, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

@Global()
@Module({
  providers: [{ provide: MetricsRegistry, useFactory: () => new MetricsRegistry() }],
  controllers: [MetricsController],
  exports: [MetricsRegistry],
})
export class MetricsModule {}
