import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { Allow } from '../auth/access.decorators.js';
import { HealthService, type Health } from './health.service.js';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  /** Readiness, for a load balancer: send this process work only when it can do it. */
  @Get()
  @Allow('GET /api/health')
  @ApiOkResponse({ description: '{ status: "ok", database: "up", migrations: "current" }' })
  @ApiServiceUnavailableResponse({ description: 'The database does not answer, or it lacks migrations this build needs (named)' })
  async check(): Promise<Health> {
    const health = await this.health.check();
    if (health.database === 'down') throw new ServiceUnavailableException('The database does not answer');
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
