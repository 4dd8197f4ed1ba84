import type { ModdleElement } from 'bpmn-moddle';
import { scriptOf } from '../../compile/script-task.js';
import { extensionElement } from '../../parse/extension-elements.js';
import type { Problem } from '../../problem.js';
import { describe } from '../process-view.js';
import { allFlowNodes, problemFor, type ValidationRule } from '../rule.js';

const problem = problemFor('script-task');

/**
 * A script task runs one thing: a FEEL `<script>`, Camunda 8's `zeebe:script` (whose value Camunda 8
 * requires a resultVariable for), or a job (`zeebe:taskDefinition`). With none of them, or a script
 * beside a job, no one could tell what it should do.
 */
export const scriptTask: ValidationRule = {
  name: 'script-task',
  check(context) {
    return allFlowNodes(context)
      .filter((node) => node.$type === 'bpmn:ScriptTask')
      .flatMap(check);
  },
};

function check(task: ModdleElement): Problem[] {
  const zeebe = extensionElement(task, 'script');
  const job = extensionElement(task, 'taskDefinition');
  const hasScript = task.script !== undefined || zeebe !== undefined;
  if (job && hasScript) {
    return [problem('error', task, `${describe(task)} has both a script and a zeebe:taskDefinition; keep the script, or the job type for a worker.`)];
  }
  if (job) return [];
  if (zeebe && String(zeebe.resultVariable ?? '').trim() === '') {
    return [problem('error', task, `${describe(task)} has no zeebe:script resultVariable; name the variable the expression's value is stored in (Camunda 8 requires it).`)];
  }
  if (scriptOf(task).script.trim() === '') {
    const field = zeebe ? 'zeebe:script expression' : 'script';
    return [problem('error', task, `The ${field} of ${describe(task)} is empty; write a FEEL expression, or give it a zeebe:taskDefinition for a job worker.`)];
  }
  return [];
}
