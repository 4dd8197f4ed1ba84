import { DomainError } from '#core';
import type { ProcessVersionRecord } from '#persistence';
import { APP_ERRORS } from '../common/app-errors.js';

/**
 * Refuses to start a case on a documentation-only version (PROCESS_NOT_EXECUTABLE, 409): it was
 * deployed to be opened, diffed and simulated, and its model says it is not meant to run.
 */
export function refuseDocumentationOnly(version: ProcessVersionRecord): void {
  if (version.graph.executable !== false) return;
  throw new DomainError(
    APP_ERRORS.processNotExecutable,
    `Process '${version.key}' version ${version.version} is documentation only: every process in its model is marked isExecutable="false". ` +
      'Make it executable (the modeler\'s "Executable" checkbox, or isExecutable="true" on the process), deploy it again, then start cases.',
    { key: version.key, version: version.version, processVersionId: version.id },
  );
}
