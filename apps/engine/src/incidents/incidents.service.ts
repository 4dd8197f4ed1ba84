import { Injectable } from '@nestjs/common';
import { IncidentRepository, type IncidentFilter, type IncidentRecord } from '#persistence';

@Injectable()
export class IncidentsService {
  constructor(private readonly incidents: IncidentRepository) {}

  list(filter: IncidentFilter): Promise<IncidentRecord[]> {
    return this.incidents.list(filter);
  }
}
