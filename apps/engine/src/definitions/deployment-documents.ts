import {
  BPMN_ERRORS,
  checkDecisionIds,
  DMN_ERRORS,
  documentKind,
  hasErrors,
  loadBpmn,
  loadDmn,
  readFormSchema,
  type BpmnErrorCode,
  type DecisionTable,
  type DelegateConversion,
  type LoadOptions,
  type FormSchema,
  type ProcessGraph,
  type Problem,
} from '#bpmn';
import { DomainError, isDomainError } from '#core';
import { hostProblems } from './host-support.js';

/** One file of a deployment: the request body, or one part of a multipart upload. */
export interface DeploymentResource {
  /** The file name of a multipart part; absent for a plain XML body. */
  name?: string;
  /** The file's text: BPMN or DMN XML, or a form's JSON. */
  xml: string;
}

export interface LoadedProcesses {
  kind: 'bpmn';
  resource: DeploymentResource;
  graphs: ProcessGraph[];
  warnings: Problem[];
  /** Java delegates converted into external tasks (`?convert=external-tasks`). */
  conversions: DelegateConversion[];
}

export interface LoadedDecisions {
  kind: 'dmn';
  resource: DeploymentResource;
  tables: DecisionTable[];
  warnings: Problem[];
}

/** A form-js form (a `.form` file: JSON). */
export interface LoadedForm {
  kind: 'form';
  resource: DeploymentResource;
  schema: FormSchema;
  warnings: Problem[];
}

export type LoadedDocument = LoadedProcesses | LoadedDecisions | LoadedForm;

/** A form is JSON, so its text opens with `{`; XML never does. */
const isFormText = (text: string): boolean => text.trimStart().startsWith('{');

/**
 * Reads every file of a deployment, BPMN or DMN by its root element or a form-js form when it is JSON, and refuses the whole
 * deployment on the first file that does not parse or has errors, naming the file when there are
 * several: 400 for XML that is not a model (BPMN_/DMN_MALFORMED, _NOT_BPMN/_NOT_DMN,
 * _DOCTYPE_FORBIDDEN), 422 with the problem list for invalid models (BPMN_INVALID, DMN_INVALID).
 * A process key or decision id defined by two files of one deployment is an error too.
 */
export async function loadDocuments(resources: readonly DeploymentResource[], options: LoadOptions = {}): Promise<LoadedDocument[]> {
  const documents: LoadedDocument[] = [];
  for (const resource of resources) documents.push(await loadDocument(resource, resources.length > 1, options));
  refuseDuplicates(documents);
  return documents;
}

async function loadDocument(resource: DeploymentResource, named: boolean, options: LoadOptions): Promise<LoadedDocument> {
  const where = named || resource.name ? { resource: resource.name ?? '(unnamed part)' } : {};
  try {
    if (isFormText(resource.xml)) return { kind: 'form', resource, schema: readFormSchema(resource.xml), warnings: [] };
    if (documentKind(resource.xml) === 'dmn') {
      const { decisions, problems } = await loadDmn(resource.xml);
      refuseErrors(DMN_ERRORS.invalid, 'decisions', problems);
      return { kind: 'dmn', resource, tables: decisions, warnings: problems };
    }
    const loaded = await loadBpmn(resource.xml, options);
    const problems = [...loaded.problems, ...loaded.processes.flatMap(hostProblems)];
    refuseErrors(BPMN_ERRORS.invalid, 'model', problems);
    return { kind: 'bpmn', resource, graphs: loaded.processes, warnings: problems, conversions: loaded.conversions };
  } catch (error) {
    if (!isDomainError(error) || !('resource' in where)) throw error;
    throw new DomainError(error.code, `${where.resource}: ${error.message}`, { ...error.details, ...where });
  }
}

function refuseErrors(code: BpmnErrorCode, what: string, problems: Problem[]): void {
  if (!hasErrors(problems)) return;
  const errors = problems.filter((problem) => problem.severity === 'error');
  throw new DomainError(code, `The ${what} has ${errors.length} error(s): ${errors.map(describeProblem).join('; ')}`, { problems });
}

function refuseDuplicates(documents: LoadedDocument[]): void {
  const decisions = documents.flatMap((document) => (document.kind === 'dmn' ? document.tables : []));
  refuseErrors(DMN_ERRORS.invalid, 'deployment', checkDecisionIds(decisions));
  const seen = new Set<string>();
  const duplicates: Problem[] = [];
  for (const graph of documents.flatMap((document) => (document.kind === 'bpmn' ? document.graphs : []))) {
    if (seen.has(graph.key)) {
      duplicates.push({
        elementId: graph.key,
        rule: 'unique-process-key',
        severity: 'error',
        message: `Process '${graph.key}' is defined by more than one file of the deployment; deploy each version on its own.`,
      });
    }
    seen.add(graph.key);
  }
  const forms = new Set<string>();
  for (const { schema } of documents.flatMap((document) => (document.kind === 'form' ? [document] : []))) {
    if (forms.has(schema.id as string)) {
      duplicates.push({
        elementId: schema.id as string,
        rule: 'unique-form-id',
        severity: 'error',
        message: `Form '${schema.id}' is defined by more than one file of the deployment; deploy each version on its own.`,
      });
    }
    forms.add(schema.id as string);
  }
  refuseErrors(BPMN_ERRORS.invalid, 'deployment', duplicates);
}

export const describeProblem = (problem: Problem): string => (problem.elementId === null ? problem.message : `${problem.elementId}: ${problem.message}`);
