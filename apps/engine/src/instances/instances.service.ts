import { Injectable } from '@nestjs/common';
import { DomainError } from '#core';
import { IncidentRepository, InstanceRepository, type InstanceFilter, type Page } from '#persistence';
import { APP_ERRORS } from '../common/app-errors.js';
import { ProcessVersionCache } from '../definitions/process-version-cache.js';
import { InstanceCommands } from './instance-commands.service.js';
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
  ) {}

  /** Starts a case on the newest version of the process key. */
  async start(processKey: string, { businessKey, variables }: StartInstanceDto): Promise<InstanceView> {
    const version = await this.versions.latest(processKey);
    const { state, revision } = await this.commands.start(version, {
      ...(businessKey !== undefined && { businessKey }),
      ...(variables !== undefined && { variables }),
    });
    return InstanceView.of(state, revision, version);
  }

  async get(id: string): Promise<InstanceView> {
    const instance = await this.instances.findById(id);
    if (!instance) throw instanceNotFound(id);
    const [version, incidents] = await Promise.all([
      this.versions.get(instance.state.processVersionId),
      this.incidents.list({ instanceId: id }),
    ]);
    return InstanceView.of(instance.state, instance.revision, version, incidents);
  }

  async list(filter: InstanceFilter): Promise<Page<InstanceSummaryView>> {
    const page = await this.instances.list(filter);
    return { items: page.items.map(InstanceSummaryView.of), total: page.total };
  }

  /** The step ledger: one row per activity instance, in the order they became ready. */
  async steps(id: string): Promise<StepView[]> {
    const instance = await this.instances.load(id);
    if (!instance) throw instanceNotFound(id);
    const [version, rows] = await Promise.all([
      this.versions.get(instance.state.processVersionId),
      this.instances.findSteps(id),
    ]);
    return rows.map((row) => StepView.of(row, version));
  }
}

const instanceNotFound = (id: string) =>
  new DomainError(APP_ERRORS.instanceNotFound, `Instance ${id} does not exist`, { id });
