import { describe, isExecutable, processesOf } from '../process-view.js';
import { problemFor, type ValidationRule } from '../rule.js';

const problem = problemFor('executable-process');

/** A deployment must contain a process; beside an executable one, processes marked non-executable are skipped, not run. */
export const executableProcess: ValidationRule = {
  name: 'executable-process',
  check({ definitions }) {
    const processes = processesOf(definitions);
    if (processes.length === 0) {
      return [problem('error', null, 'The document contains no <process>; there is nothing to deploy.')];
    }
    const skipped = processes.filter((process) => !isExecutable(process));
    if (skipped.length === processes.length) {
      return [
        problem(
          'warning',
          null,
          'Every process is marked isExecutable="false": the model deploys as documentation only (its versions can be opened, diffed, classified and simulated, not started); set isExecutable="true" on the process to run it.',
        ),
      ];
    }
    return skipped.map((process) => problem('warning', process, `${describe(process)} is marked isExecutable="false" and will not be deployed.`));
  },
};
