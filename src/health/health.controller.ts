import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptions, ApiTags } from '@nestjs/swagger';
import { HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import Redis from 'ioredis';
import { Public } from '../common/auth/decorators';
import { DomainError } from '../common/errors/domain-error';
import { AppConfig } from '../config/app-config';
import { REDIS } from '../infrastructure/redis/redis.module';

class LiveView {
  @ApiProperty({ enum: ['ok'] }) status!: 'ok';
}

type Check = { status: 'up' | 'down'; message?: string };

const CHECKS: ApiPropertyOptions = {
  type: 'object',
  additionalProperties: {
    type: 'object',
    properties: { status: { type: 'string', enum: ['up', 'down'] }, message: { type: 'string' } },
    required: ['status'],
  },
  example: { postgres: { status: 'up' }, redis: { status: 'down', message: 'timeout' } },
};

class ReadyView {
  @ApiProperty({
    enum: ['ok', 'degraded'],
    description: '`degraded`: Redis is down, the instance still serves',
  })
  status!: 'ok' | 'degraded';
  @ApiProperty({ enum: ['all', 'api', 'worker'] }) role!: string;
  @ApiProperty(CHECKS) details!: Record<string, Check>;
}

/** How long a dependency may take to answer a health check. */
const CHECK_TIMEOUT_MS = 2000;

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly database: TypeOrmHealthIndicator,
    private readonly indicator: HealthIndicatorService,
    private readonly config: AppConfig,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  @Get('live')
  @ApiOperation({ summary: 'The process is up (no dependency checks)' })
  @ApiOkResponse({ type: LiveView })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /**
   * Readiness of what this instance serves: intake and every route need PostgreSQL, so without it
   * the answer is 503; Redis (queues, rate limits, sign-in throttling) is reported, and while it is
   * down the instance is `degraded` but still ready: citizens can still file (each instance limits
   * rates on its own), and the worker catches up when Redis is back.
   */
  @Get('ready')
  @ApiOperation({ summary: 'PostgreSQL answers (503 otherwise); Redis down is reported as degraded' })
  @ApiOkResponse({ type: ReadyView })
  async ready(): Promise<{ status: 'ok' | 'degraded'; role: string; details: Record<string, Check> }> {
    const [postgres, redis] = await Promise.all([this.postgres(), this.redisCheck()]);
    const details = { postgres, redis };
    if (postgres.status === 'down') throw new DomainError('SERVICE_UNAVAILABLE', details, undefined, RETRY);
    return { status: redis.status === 'up' ? 'ok' : 'degraded', role: this.config.app.role, details };
  }

  private async postgres(): Promise<Check> {
    const result = await this.database.pingCheck('postgres', { timeout: CHECK_TIMEOUT_MS });
    return result.postgres as Check;
  }

  private async redisCheck(): Promise<Check> {
    const check = this.indicator.check('redis');
    try {
      await Promise.race([
        this.redis.ping(),
        new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), CHECK_TIMEOUT_MS).unref()),
      ]);
      return check.up().redis as Check;
    } catch (error) {
      return check.down({ message: error instanceof Error ? error.message : 'unreachable' }).redis as Check;
    }
  }
}

const RETRY = { 'retry-after': '5' };
