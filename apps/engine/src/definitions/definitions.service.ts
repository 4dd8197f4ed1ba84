import { Inject, Injectable } from '@nestjs/common';
import { BPMN_ERRORS, type DelegateConversion, type LoadOptions, type Problem, type TranslatedExpression } from '#bpmn';
import { DomainError } from '#core';
import type { Clock, IdGenerator } from '#engine';
import {
  DecisionRepository,
  DeploymentRepository,
  FormRepository,
  ProcessVersionRepository,
  type DecisionSummary,
  type DecisionWithXml,
  type DeployedDecision,
  type DeployedForm,
  type DeployedVersion,
  type ProcessVersionSummary,
  type ProcessVersionWithXml,
} from '#persistence';
import { APP_ERRORS } from '../common/app-errors.js';
import { CLOCK, ID_GENERATOR } from '../common/engine-ports.js';
import { StartTimerScheduler } from '../jobs/start-timer-scheduler.service.js';
import { describeProblem, loadDocuments, type DeploymentResource } from './deployment-documents.js';
import { externalReferences, missingReferenceWarnings } from './deployment-references.js';
import { missingFormProblems, outsideFormReferences } from './form-references.js';
import { JobWarnings } from './job-warnings.service.js';

export interface DeploymentOutcome {
  processVersions: DeployedVersion[];
  decisions: DeployedDecision[];
  forms: DeployedForm[];
  /** Problems of severity 'warning': the model runs, but something deserves a look. */
  warnings: Problem[];
  /** JUEL expressions of Camunda 7 models and the FEEL they run as. */
  translations: TranslatedExpression[];
  /** Java delegates converted into external tasks (`?convert=external-tasks`). */
  conversions: DelegateConversion[];
}

@Injectable()
export class DefinitionsService {
  constructor(
    private readonly processVersions: ProcessVersionRepository,
    private readonly decisions: DecisionRepository,
    private readonly deployments: DeploymentRepository,
    private readonly forms: FormRepository,
    private readonly startTimers: StartTimerScheduler,
    private readonly jobWarnings: JobWarnings,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
  ) {}

  /**
   * Deploys BPMN and DMN documents together: each is parsed, validated and compiled first, then
   * every process and decision is stored in one transaction, one version per process key and
   * decision id (identical XML finds the version deployed before). Any failing file refuses the
   * whole deployment and stores nothing.
   */
  async deploy(resources: DeploymentResource[], deployedBy?: string, tag?: string | null, options: LoadOptions = {}): Promise<DeploymentOutcome> {
    const given = resources.filter(({ xml }) => xml.trim() !== '');
    if (given.length === 0) {
      throw new DomainError(
        APP_ERRORS.deploymentEmpty,
        `Send the BPMN or DMN XML as the request body (Content-Type application/xml), or upload one or more files as multipart/form-data`,
      );
    }
    const documents = await loadDocuments(given, options);
    const warnings = documents.flatMap((document) => document.warnings);
    const processes = documents.flatMap((document) => (document.kind === 'bpmn' ? [document] : []));
    const decisions = documents.flatMap((document) => (document.kind === 'dmn' ? [document] : []));
    const forms = documents.flatMap((document) => (document.kind === 'form' ? [document] : []));
    if (processes.every(({ graphs }) => graphs.length === 0) && decisions.every(({ tables }) => tables.length === 0) && forms.length === 0) {
      throw new DomainError(APP_ERRORS.deploymentNoProcess, 'The deployment contains no executable process and no decision', { problems: warnings });
    }
    const outside = externalReferences(documents);
    const deployed = {
      decisions: await this.decisions.deployedKeys([...outside.decisions]),
      processes: await this.processVersions.deployedKeys([...outside.processes]),
    };
    const formReferences = outsideFormReferences(documents);
    const formProblems = missingFormProblems(formReferences, await this.forms.deployedKeys(formReferences.map(({ formId }) => formId)));
    const missingForms = formProblems.filter(({ severity }) => severity === 'error');
    if (missingForms.length > 0) {
      throw new DomainError(BPMN_ERRORS.invalid, `The deployment names forms that are not deployed: ${missingForms.map(describeProblem).join('; ')}`, {
        problems: missingForms,
      });
    }
    const graphs = processes.flatMap(({ graphs }) => graphs);
    const jobWarnings = await this.jobWarnings.of(graphs);
    const deployedAt = this.clock.now();
    const stored = await this.deployments.deploy({
      processes: processes.map(({ resource, graphs }) => ({
        xml: resource.xml,
        graphs: graphs.map((graph) => ({ id: this.ids.next(), graph })),
        deployedAt,
        ...(deployedBy !== undefined && { deployedBy }),
        ...(tag !== undefined && tag !== null && { tag }),
      })),
      decisions: decisions.map(({ resource, tables }) => ({
        xml: resource.xml,
        decisions: tables.map((table) => ({ id: this.ids.next(), table })),
        deployedAt,
      })),
      forms: forms.map(({ resource, schema }) => ({ text: resource.xml, schema, id: this.ids.next(), deployedAt })),
    });
    await this.startTimers.scheduleDeployed(
      stored.processVersions,
      processes.flatMap(({ graphs }) => graphs),
    );
    return {
      ...stored,
      warnings: [...warnings, ...missingReferenceWarnings(documents, deployed), ...formProblems, ...jobWarnings],
      translations: processes.flatMap(({ graphs }) => graphs.flatMap((graph) => graph.translations ?? [])),
      conversions: processes.flatMap(({ conversions }) => conversions),
    };
  }

  list(key?: string): Promise<ProcessVersionSummary[]> {
    return this.processVersions.list(key);
  }

  async findById(id: string): Promise<ProcessVersionWithXml> {
    const version = await this.processVersions.findById(id);
    if (!version) {
      throw new DomainError(APP_ERRORS.processVersionNotFound, `Process version ${id} does not exist`, { id });
    }
    return version;
  }

  /** Sets (or with null clears) a version's tag: the one thing about a version that changes after deploy. */
  async setTag(id: string, tag: string | null): Promise<ProcessVersionSummary> {
    const version = await this.processVersions.setTag(id, tag);
    if (!version) throw new DomainError(APP_ERRORS.processVersionNotFound, `Process version ${id} does not exist`, { id });
    return version;
  }

  listDecisions(key?: string): Promise<DecisionSummary[]> {
    return this.decisions.list(key);
  }

  async findDecision(id: string): Promise<DecisionWithXml> {
    const decision = await this.decisions.findById(id);
    if (!decision) throw new DomainError(APP_ERRORS.decisionVersionNotFound, `Decision version ${id} does not exist`, { id });
    return decision;
  }
}
