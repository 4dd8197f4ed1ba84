import { Inject, Injectable } from '@nestjs/common';
import type { Clock, IdGenerator } from '#engine';
import { assignArm, baselineArm, inWindow, type Experiment } from '#experiments';
import { ExperimentRepository, type NewAssignment, type ProcessVersionRecord } from '#persistence';
import { CLOCK, ID_GENERATOR } from '../common/engine-ports.js';
import { ProcessVersionCache } from '../definitions/process-version-cache.js';
import { AssignmentRecordView } from './dto/assignment.view.js';

/** Where a new case of a process key starts: the version, and with an experiment the arm it met. */
export interface Route {
  version: ProcessVersionRecord;
  /** The case's id, chosen before the start because the instance unit hashes it. */
  instanceId?: string;
  /** The arm the case met: the start commits it with the case, and shows it in its answer. */
  assignment?: NewAssignment;
}

export interface RouteRequest {
  businessKey?: string;
  variables?: Record<string, unknown>;
}

/**
 * Routes the new cases of a key (issue 7 point 2): with no experiment to the newest version; with
 * a running, paused or promoted one to the version of the arm `assignArm` picks. One indexed read
 * per start finds both the experiment and the newest version; neither is cached, so every engine
 * process sees a pause or a new deployment at once.
 */
@Injectable()
export class ExperimentRouter {
  constructor(
    private readonly experiments: ExperimentRepository,
    private readonly versions: ProcessVersionCache,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
  ) {}

  async route(processKey: string, { businessKey, variables }: RouteRequest): Promise<Route> {
    const { routing, latestVersionId } = await this.experiments.findStartRoute(processKey);
    const latest = () => this.versions.newest(processKey, latestVersionId);
    if (!routing || !(await this.stillRoutes(routing.experiment, latest))) return { version: await latest() };
    const { experiment } = routing;
    const at = this.clock.now();
    // Before its start date or after its end date a running experiment keeps new cases on the baseline, unrecorded.
    if (!inWindow(experiment, at.getTime())) return { version: await this.versions.get(baselineArm(experiment)!.processVersionId) };
    const instanceId = this.ids.next();
    const assignment = assignArm(experiment, {
      instanceKey: instanceId,
      ...(businessKey !== undefined && { businessKey }),
      variables: variables ?? {},
      at: at.getTime(),
    });
    return {
      version: await this.versions.get(assignment.processVersionId),
      instanceId,
      assignment: { ...assignment, experimentId: experiment.id, assignedAt: at },
    };
  }

  /** The arm a case was routed to, if an experiment routed it. */
  async assignmentOf(instanceId: string): Promise<AssignmentRecordView | null> {
    const record = await this.experiments.findAssignment(instanceId);
    return record && AssignmentRecordView.ofRecord(record);
  }

  /** A promoted experiment routes to its winner until a newer version of the key is deployed. */
  private async stillRoutes(experiment: Experiment, latest: () => Promise<ProcessVersionRecord>): Promise<boolean> {
    if (experiment.state !== 'promoted') return true;
    const { id } = await latest();
    return experiment.arms.some((arm) => arm.processVersionId === id);
  }
}
