import type { ModdleElement } from 'bpmn-moddle';
import { extensionElement } from '../../parse/extension-elements.js';
import type { Problem } from '../../problem.js';
import { describe } from '../process-view.js';
import { allFlowNodes, problemFor, type ValidationRule } from '../rule.js';

const problem = problemFor('called-element');

const BINDING_TYPES: readonly string[] = ['latest', 'deployment', 'versionTag'];

/**
 * Camunda 8's `zeebe:calledElement` names the process it calls and which version: the newest
 * (`latest`, the default), the newest carrying a tag (`versionTag`), or the one deployed together
 * with the caller (`deployment`), which Tandem cannot tell apart, so it calls the newest and says so.
 */
export const calledElement: ValidationRule = {
  name: 'called-element',
  check(context) {
    return allFlowNodes(context)
      .filter((node) => node.$type === 'bpmn:CallActivity' && node.calledElement === undefined)
      .flatMap(check);
  },
};

function check(activity: ModdleElement): Problem[] {
  const zeebe = extensionElement(activity, 'calledElement');
  if (!zeebe) return [];
  if (String(zeebe.processId ?? '').trim() === '') {
    return [problem('error', activity, `${describe(activity)} names no process to call; set zeebe:calledElement processId.`)];
  }
  const bindingType = String(zeebe.bindingType ?? 'latest').trim();
  if (!BINDING_TYPES.includes(bindingType)) {
    return [problem('error', activity, `The zeebe:calledElement bindingType "${bindingType}" of ${describe(activity)} must be latest, deployment or versionTag.`)];
  }
  if (bindingType === 'versionTag' && String(zeebe.versionTag ?? '').trim() === '') {
    return [problem('error', activity, `${describe(activity)} binds by version tag but its zeebe:calledElement versionTag is empty; name the tag of the version to call.`)];
  }
  if (bindingType === 'deployment') {
    return [
      problem(
        'warning',
        activity,
        `${describe(activity)} binds to the version deployed together with its process (zeebe:calledElement bindingType="deployment"); Tandem keeps no such deployments, so it calls the newest version. Bind by versionTag to pin one.`,
      ),
    ];
  }
  return [];
}
