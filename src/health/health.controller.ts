import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptions, ApiTags } from '@nestjs/swagger';
import {
  HealthCheck,
  HealthCheckService,
  HealthIndicatorService,
  TypeOrmHealthIndicator,
} from '@nestjs/terminus';
import Redis from 'ioredis';
import { Public } from '../common/auth/decorators';
import { DomainError } from '../common/errors/domain-error';
import { REDIS } from '../infrastructure/redis/redis.module';

class LiveView {
  @ApiProperty({ enum: ['ok'] }) status!: 'ok';
}

const INDICATORS: ApiPropertyOptions = {
  type: 'object',
  additionalProperties: {
    type: 'object',
    properties: { status: { type: 'string', enum: ['up', 'down'] } },
    required: ['status'],
  },
  example: { postgres: { status: 'up' }, redis: { status: 'up' } },
};

class ReadyView {
  @ApiProperty({ enum: ['ok'] }) status!: 'ok';
  @ApiProperty(INDICATORS) info!: Record<string, { status: string }>;
  @ApiProperty(INDICATORS) error!: Record<string, { status: string }>;
  @ApiProperty(INDICATORS) details!: Record<string, { status: string }>;
}

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly indicator: HealthIndicatorService,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  @Get('live')
  @ApiOperation({ summary: 'The process is up (no dependency checks)' })
  @ApiOkResponse({ type: LiveView })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @HealthCheck()
  @ApiOperation({ summary: 'PostgreSQL and Redis answer; 503 while either is down' })
  @ApiOkResponse({ type: ReadyView })
  async ready() {
    try {
      return await this.checkDependencies();
    } catch (error) {
      // 503 in the standard error body; `details` says which dependency is down.
      if (error instanceof ServiceUnavailableException) {
        const result = error.getResponse() as { details?: unknown };
        throw new DomainError('SERVICE_UNAVAILABLE', result.details);
      }
      throw error;
    }
  }

  private checkDependencies() {
    return this.health.check([
      () => this.database.pingCheck('postgres', { timeout: 2000 }),
      async () => {
        const check = this.indicator.check('redis');
        try {
          await Promise.race([
            this.redis.ping(),
            new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 2000).unref()),
          ]);
          return check.up();
        } catch (error) {
          return check.down({ message: error instanceof Error ? error.message : 'unreachable' });
        }
      },
    ]);
  }
}
