import { Inject, Injectable } from '@nestjs/common';
import {
  execute,
  startInstance,
  type Clock,
  type Command,
  type EnginePorts,
  type IdGenerator,
  type InstanceState,
  type StartCommand,
} from '#engine';
import { InstanceRepository, type ProcessVersionRecord, type StoredInstance } from '#persistence';
import { CLOCK, ID_GENERATOR } from '../common/engine-ports.js';
import { ProcessVersionCache } from '../definitions/process-version-cache.js';

/** An instance after a command, with the version it runs on. */
export interface CommandOutcome {
  state: InstanceState;
  revision: number;
  version: ProcessVersionRecord;
}

/**
 * The one path every state change takes: graph from the cache, the engine computes the result,
 * the repository commits it guarded by the revision it was computed from. When the engine throws,
 * nothing is written.
 */
@Injectable()
export class InstanceCommands {
  private readonly ports: EnginePorts;

  constructor(
    private readonly instances: InstanceRepository,
    private readonly versions: ProcessVersionCache,
    @Inject(CLOCK) clock: Clock,
    @Inject(ID_GENERATOR) ids: IdGenerator,
  ) {
    this.ports = { clock, ids };
  }

  async start(
    version: ProcessVersionRecord,
    command: Omit<StartCommand, 'type' | 'instanceId' | 'processVersionId'>,
  ): Promise<CommandOutcome> {
    const result = startInstance(
      version.graph,
      { type: 'start', instanceId: this.ports.ids.next(), processVersionId: version.id, ...command },
      this.ports,
    );
    const revision = await this.instances.commit(result, null);
    return { state: result.state, revision, version };
  }

  async execute(instance: StoredInstance, command: Command): Promise<CommandOutcome> {
    const version = await this.versions.get(instance.state.processVersionId);
    const result = execute(version.graph, instance.state, command, this.ports);
    // A command that changed nothing (e.g. a worker re-locking started work) needs no write.
    if (result.steps.length === 0 && result.effects.length === 0 && sameState(result.state, instance.state)) {
      return { state: instance.state, revision: instance.revision, version };
    }
    const revision = await this.instances.commit(result, instance);
    return { state: result.state, revision, version };
  }
}

const sameState = (a: InstanceState, b: InstanceState): boolean => JSON.stringify(a) === JSON.stringify(b);
