import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DecisionRepository, type DecisionDeployment, type DeployedDecision } from '../decisions/decision.repository.js';
import { FormRepository, type DeployedForm, type FormDeployment } from '../forms/form.repository.js';
import { ProcessVersionRepository, type DeployedVersion, type Deployment } from './process-version.repository.js';

/** Several BPMN, DMN and form documents deployed together: all of them, or (on any failure) none. */
export interface MultiDeployment {
  processes: Deployment[];
  decisions: DecisionDeployment[];
  forms?: FormDeployment[];
}

export interface DeployedDocuments {
  processVersions: DeployedVersion[];
  decisions: DeployedDecision[];
  forms: DeployedForm[];
}

@Injectable()
export class DeploymentRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly processVersions: ProcessVersionRepository,
    private readonly decisionVersions: DecisionRepository,
    private readonly formVersions: FormRepository,
  ) {}

  /** One transaction for every document, so a deployment that fails leaves nothing behind. */
  async deploy({ processes, decisions, forms = [] }: MultiDeployment): Promise<DeployedDocuments> {
    return this.dataSource.transaction(async (manager) => {
      // Every key lock up front, in one global order, so two deployments of overlapping documents
      // cannot each hold a lock the other waits for (the per-key locks below are then re-entered).
      const locks = [
        ...processes.flatMap(({ graphs }) => graphs.map(({ graph }) => graph.key)),
        ...decisions.flatMap((deployment) => deployment.decisions.map(({ table }) => `decision:${table.id}`)),
        ...forms.map(({ schema }) => `form:${schema.id}`),
      ].sort();
      for (const lock of new Set(locks)) await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [lock]);
      const processVersions: DeployedVersion[] = [];
      for (const deployment of processes) processVersions.push(...(await this.processVersions.deployIn(manager, deployment)));
      const deployedDecisions: DeployedDecision[] = [];
      for (const deployment of decisions) deployedDecisions.push(...(await this.decisionVersions.deployIn(manager, deployment)));
      const deployedForms: DeployedForm[] = [];
      for (const deployment of forms) deployedForms.push(await this.formVersions.deployIn(manager, deployment));
      return { processVersions, decisions: deployedDecisions, forms: deployedForms };
    });
  }
}
