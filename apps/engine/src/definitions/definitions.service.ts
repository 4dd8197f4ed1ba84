import { Inject, Injectable } from '@nestjs/common';
import { BPMN_ERRORS, hasErrors, loadBpmn, type Problem } from '#bpmn';
import { DomainError } from '#core';
import type { Clock, IdGenerator } from '#engine';
import {
  ProcessVersionRepository,
  type DeployedVersion,
  type ProcessVersionSummary,
  type ProcessVersionWithXml,
} from '#persistence';
import { APP_ERRORS } from '../common/app-errors.js';
import { CLOCK, ID_GENERATOR } from '../common/engine-ports.js';
import { hostProblems } from './host-support.js';

export interface DeploymentOutcome {
  processVersions: DeployedVersion[];
  /** Problems of severity 'warning': the model runs, but something deserves a look. */
  warnings: Problem[];
}

@Injectable()
export class DefinitionsService {
  constructor(
    private readonly repository: ProcessVersionRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
  ) {}

  /** Parses, validates and compiles the XML, then stores one version per process (or finds it). */
  async deploy(xml: string): Promise<DeploymentOutcome> {
    if (xml.trim() === '') {
      throw new DomainError(
        APP_ERRORS.deploymentEmpty,
        `Send the BPMN XML as the request body (Content-Type application/xml) or as the multipart field 'file'`,
      );
    }
    const loaded = await loadBpmn(xml);
    const problems = [...loaded.problems, ...loaded.processes.flatMap(hostProblems)];
    const { processes } = loaded;
    if (hasErrors(problems)) {
      const errors = problems.filter((problem) => problem.severity === 'error');
      throw new DomainError(
        BPMN_ERRORS.invalid,
        `The model has ${errors.length} error(s): ${errors.map(describe).join('; ')}`,
        { problems },
      );
    }
    if (processes.length === 0) {
      throw new DomainError(APP_ERRORS.deploymentNoProcess, 'The model contains no executable process', { problems });
    }
    const processVersions = await this.repository.deploy({
      xml,
      graphs: processes.map((graph) => ({ id: this.ids.next(), graph })),
      deployedAt: this.clock.now(),
    });
    return { processVersions, warnings: problems };
  }

  list(key?: string): Promise<ProcessVersionSummary[]> {
    return this.repository.list(key);
  }

  async findById(id: string): Promise<ProcessVersionWithXml> {
    const version = await this.repository.findById(id);
    if (!version) {
      throw new DomainError(APP_ERRORS.processVersionNotFound, `Process version ${id} does not exist`, { id });
    }
    return version;
  }
}

const describe = (problem: Problem): string =>
  problem.elementId === null ? problem.message : `${problem.elementId}: ${problem.message}`;
