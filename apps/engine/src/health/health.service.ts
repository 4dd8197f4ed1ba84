import { Injectable } from '@nestjs/common';
import { DatabaseHealth } from '#persistence';

export interface Health {
  status: 'ok' | 'unavailable';
  database: 'up' | 'down';
}

@Injectable()
export class HealthService {
  constructor(private readonly database: DatabaseHealth) {}

  async check(): Promise<Health> {
    const up = await this.database.isReachable();
    return { status: up ? 'ok' : 'unavailable', database: up ? 'up' : 'down' };
  }
}
