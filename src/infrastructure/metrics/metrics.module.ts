import { Controller, Get, Global, Header, Headers, Module, NotFoundException } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { createHash, timingSafeEqual } from 'node:crypto';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '../../common/auth/decorators';
import { DomainError } from '../../common/errors/domain-error';
import { AppConfig } from '../../config/app-config';
import { OperationalCounter } from './entities/operational-counter.entity';
import { MetricsRegistry } from './metrics-registry';
import { OperationalCounters } from './operational-counters';

export { MetricsRegistry };

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
  imports: [TypeOrmModule.forFeature([OperationalCounter])],
  providers: [{ provide: MetricsRegistry, useFactory: () => new MetricsRegistry() }, OperationalCounters],
  controllers: [MetricsController],
  exports: [MetricsRegistry, OperationalCounters],
})
export class MetricsModule {}
