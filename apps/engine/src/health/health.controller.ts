import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { DomainError } from '#core';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { Allow } from '../auth/access.decorators.js';
import { APP_ERRORS } from '../common/app-errors.js';
import { HealthService, type Health } from './health.service.js';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  /** Readiness, for a load balancer: send this process work only when it can do it. */
  @Get()
  @Allow('GET /api/health')
  @ApiOkResponse({ description: '{ status: "ok", database: "up", pool: "available", migrations: "current" }, within about 2 s' })
  @ApiServiceUnavailableResponse({
    description:
      'DATABASE_UNAVAILABLE with Retry-After: the database does not answer a new connection, or the pool none, within 1.5 s; or it lacks migrations this build needs (named)',
  })
  async check(): Promise<Health> {
    const health = await this.health.check();
    if (health.database === 'down') throw new DomainError(APP_ERRORS.databaseUnavailable, 'The database does not answer');
    if (health.pool === 'exhausted') throw new DomainError(APP_ERRORS.databaseUnavailable, 'No pooled database connection is free');
    if (health.migrations === 'pending') throw new ServiceUnavailableException(`The database lacks migrations: ${health.pendingMigrations!.join(', ')}`);
    return health;
  }

  /** Liveness, for a supervisor: the process answers HTTP (restart it when this fails, not when the database does). */
  @Get('live')
  @Allow('GET /api/health/live')
  @ApiOkResponse({ description: '{ status: "ok" }' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }
}
