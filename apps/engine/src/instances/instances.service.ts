import { Inject, Injectable } from '@nestjs/common';
import type { Clock, InstanceState } from '#engine';
import { IncidentRepository, InstanceRepository, SimulatedHistoryRepository, type IdempotencyClaim, type InstanceFilter, type Page } from '#persistence';
import { CLOCK } from '../common/engine-ports.js';
import { ProcessVersionCache } from '../definitions/process-version-cache.js';
import { refuseDocumentationOnly } from '../definitions/runnable-version.js';
import { AssignmentView } from '../experiments/dto/assignment.view.js';
import { ExperimentRouter } from '../experiments/experiment-router.service.js';
import { keyedAnswer } from '../idempotency/idempotency-key.js';
import { InstanceCommands } from './instance-commands.service.js';
import { instanceNotFound } from './instance-not-found.js';
import { InstanceSummaryView } from './dto/instance-summary.view.js';
import { InstanceView } from './dto/instance.view.js';
import type { StartInstanceDto } from './dto/start-instance.dto.js';
import { StepView } from './dto/step.view.js';

@Injectable()
export class InstancesService {
  constructor(
    private readonly instances: InstanceRepository,
    private readonly incidents: IncidentRepository,
    private readonly versions: ProcessVersionCache,
    private readonly commands: InstanceCommands,
    private readonly router: ExperimentRouter,
    private readonly simulated: SimulatedHistoryRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * Starts a case on the newest version of the process key, or on the arm its running experiment
   * assigns (stored with the case). With an Idempotency-Key its answer is stored with the case too:
   * a start that committed can always be replayed, one that did not can be retried.
   */
  async start(processKey: string, { businessKey, variables, startBefore }: StartInstanceDto, idempotency?: IdempotencyClaim): Promise<InstanceView> {
    // A case moved in mid-way would skew an experiment's figures: it runs on the newest version, unassigned.
    const { version, instanceId, assignment } =
      startBefore === undefined
        ? await this.router.route(processKey, { businessKey, variables })
        : { version: await this.versions.latest(processKey), instanceId: undefined, assignment: undefined };
    refuseDocumentationOnly(version);
    const viewOf = (state: InstanceState, revision: number): InstanceView =>
      Object.assign(InstanceView.of(state, revision, version), assignment && { assignment: AssignmentView.of(assignment) });
    // A new case's revision is 1: its answer is known before the commit.
    const answerOf = keyedAnswer(idempotency, (state) => viewOf(state, 1), this.clock);
    const { state, revision } = await this.commands.start(
      version,
      {
        ...(instanceId !== undefined && { instanceId }),
        ...(businessKey !== undefined && { businessKey }),
        ...(variables !== undefined && { variables }),
        ...(startBefore !== undefined && { startBefore }),
      },
      { ...(assignment && { assignment }), ...(answerOf && { answerOf }) },
    );
    return viewOf(state, revision);
  }

  /**
   * Starts a case on this very version (Camunda's start by definition id): no experiment routes it,
   * the caller chose the version.
   */
  async startOnVersion(processVersionId: string, { businessKey, variables, startBefore }: StartInstanceDto): Promise<InstanceView> {
    const version = await this.versions.get(processVersionId);
    const { state, revision } = await this.commands.start(version, {
      ...(businessKey !== undefined && { businessKey }),
      ...(variables !== undefined && { variables }),
      ...(startBefore !== undefined && { startBefore }),
    });
    return InstanceView.of(state, revision, version);
  }

  async get(id: string): Promise<InstanceView> {
    const instance = await this.instances.findById(id);
    if (!instance) throw instanceNotFound(id);
    const [version, incidents, assignment, origin] = await Promise.all([
      this.versions.get(instance.state.processVersionId),
      this.incidents.list({ instanceId: id }),
      this.router.assignmentOf(id),
      this.simulated.originOf(id),
    ]);
    return Object.assign(InstanceView.of(instance.state, instance.revision, version, incidents), assignment && { assignment }, origin && { origin });
  }

  async list(filter: InstanceFilter): Promise<Page<InstanceSummaryView>> {
    const page = await this.instances.list(filter);
    return { items: page.items.map(InstanceSummaryView.of), total: page.total };
  }

  /**
   * The step ledger: one row per activity instance, in the order they became ready. Names come
   * from the version the instance runs on, or, for steps of elements a migration left behind, from
   * the versions it ran on before (newest first).
   */
  async steps(id: string): Promise<StepView[]> {
    const instance = await this.instances.load(id);
    if (!instance) throw instanceNotFound(id);
    const [rows, audit] = await Promise.all([this.instances.findSteps(id), this.instances.findAudit(id)]);
    const earlier = audit
      .filter(({ operation }) => operation === 'migrate')
      .map(({ details }) => String(details.fromProcessVersionId))
      .reverse();
    const versions = await Promise.all([instance.state.processVersionId, ...earlier].map((versionId) => this.versions.get(versionId)));
    return rows.map((row) => StepView.of(row, versions));
  }
}
