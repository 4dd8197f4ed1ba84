import { Injectable } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';
import { IncidentEntity } from '../entities/incident.entity.js';

export interface IncidentRecord {
  id: string;
  instanceId: string;
  externalTaskId: string | null;
  jobId: string | null;
  elementId: string;
  message: string;
  createdAt: Date;
  resolvedAt: Date | null;
}

export interface IncidentFilter {
  instanceId?: string;
  /** Only incidents nobody has resolved yet. */
  open?: boolean;
}

@Injectable()
export class IncidentRepository {
  constructor(private readonly dataSource: DataSource) {}

  async list({ instanceId, open }: IncidentFilter): Promise<IncidentRecord[]> {
    const entities = await this.dataSource.getRepository(IncidentEntity).find({
      where: { ...(instanceId === undefined ? {} : { instanceId }), ...(open ? { resolvedAt: IsNull() } : {}) },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    return entities.map(({ instance: _instance, ...record }) => record);
  }
}
