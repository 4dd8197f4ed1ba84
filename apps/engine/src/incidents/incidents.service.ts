import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '#core';
import type { Clock } from '#engine';
import { IncidentRepository, type IncidentFilter, type IncidentOutcome, type IncidentPaging, type IncidentRecord, type Page } from '#persistence';
import { APP_ERRORS } from '../common/app-errors.js';
import { CLOCK } from '../common/engine-ports.js';
import { ExternalTaskAvailability } from '../external-tasks/external-task-availability.js';

@Injectable()
export class IncidentsService {
  constructor(
    private readonly incidents: IncidentRepository,
    private readonly availability: ExternalTaskAvailability,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  list(filter: IncidentFilter, paging: IncidentPaging): Promise<Page<IncidentRecord>> {
    return this.incidents.page(filter, paging);
  }

  async get(id: string): Promise<IncidentRecord> {
    const incident = await this.incidents.findById(id);
    if (!incident) throw incidentNotFound(id);
    return incident;
  }

  /**
   * Resolves the incident and gives its work another chance: the external task becomes fetchable
   * with `retries` retries (waiting workers are woken), the job is claimable at once with
   * `retries` attempts.
   */
  async retry(id: string, retries: number): Promise<IncidentRecord> {
    const { outcome, topic } = await this.incidents.retry({ id, retries, now: this.clock.now() });
    this.assertDone(id, outcome);
    if (topic !== null) await this.availability.announce([topic]);
    return this.get(id);
  }

  /** Marks the incident resolved and leaves its work parked: the problem was handled outside the engine. */
  async resolve(id: string): Promise<IncidentRecord> {
    this.assertDone(id, await this.incidents.resolve(id, this.clock.now()));
    return this.get(id);
  }

  private assertDone(id: string, outcome: IncidentOutcome): void {
    if (outcome === 'notFound') throw incidentNotFound(id);
    if (outcome === 'alreadyResolved') {
      throw new DomainError(APP_ERRORS.incidentAlreadyResolved, `Incident ${id} is resolved already`, { id });
    }
  }
}

const incidentNotFound = (id: string) => new DomainError(APP_ERRORS.incidentNotFound, `Incident ${id} does not exist`, { id });
