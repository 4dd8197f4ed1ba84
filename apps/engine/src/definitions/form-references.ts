import { referencedFormId, type Problem, type ProcessGraph, type UserTaskNode } from '#bpmn';
import type { LoadedDocument } from './deployment-documents.js';

interface FormReference {
  task: UserTaskNode;
  formKey: string;
  formId: string;
}

/** User tasks naming a deployed form (`form:<id>`) that the deployment does not bring itself. */
export function outsideFormReferences(documents: readonly LoadedDocument[]): FormReference[] {
  const defined = new Set(documents.flatMap((document) => (document.kind === 'form' ? [document.schema.id as string] : [])));
  return documents
    .flatMap((document): ProcessGraph[] => (document.kind === 'bpmn' ? document.graphs : []))
    .flatMap((graph) => Object.values(graph.nodes))
    .flatMap((node): FormReference[] => {
      if (node.type !== 'userTask') return [];
      const formId = referencedFormId(node.formKey);
      return formId === undefined || defined.has(formId) ? [] : [{ task: node, formKey: node.formKey as string, formId }];
    });
}

/**
 * A problem per user task whose form is neither in the deployment nor deployed before. Unlike a
 * missing decision an error refuses the deployment: a task without its form could be completed
 * with anything, unchecked. A Camunda 8 linked form (`zeebe:formDefinition formId`) is a warning,
 * as Zeebe deploys such a model and resolves the form when the task is reached: until the form is
 * deployed, the task's form and its completion answer FORM_NOT_FOUND, so nothing goes unchecked.
 */
export const missingFormProblems = (references: readonly FormReference[], deployed: ReadonlySet<string>): Problem[] =>
  references
    .filter(({ formId }) => !deployed.has(formId))
    .map(({ task, formKey, formId }) => {
      const zeebe = task.settingAttributes?.formKey;
      return zeebe === undefined
        ? {
            elementId: task.id,
            rule: 'form-deployed',
            severity: 'error',
            message: `User task '${task.id}' has formKey "${formKey}", but no form '${formId}' is deployed: deploy its .form file beside this model or before it.`,
          }
        : {
            elementId: task.id,
            rule: 'form-deployed',
            severity: 'warning',
            message: `User task '${task.id}' links form '${formId}' (${zeebe}), which is not deployed yet: until it is, the task cannot show its form or be completed.`,
          };
    });
