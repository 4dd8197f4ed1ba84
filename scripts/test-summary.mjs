/**
 * The one line CI reads, `N passed, N failed`, from jest's JSON report (.jest-results.json); a
 * missing report (preflight, type-check, lint or build failed, or the run was stopped) is one failure.
 */
import { existsSync, readFileSync } from 'node:fs';

const report = process.argv[2] ?? '.jest-results.json';
if (!existsSync(report)) {
  console.log('0 passed, 1 failed');
} else {
  const results = JSON.parse(readFileSync(report, 'utf8'));
  // A suite that fails to load has no test results; counted as a failure so it cannot hide.
  console.log(`${results.numPassedTests} passed, ${results.numFailedTests + (results.numRuntimeErrorTestSuites ?? 0)} failed`);
}
