/**
 * A jest reporter that keeps, in the file named by TANDEM_TEST_PROGRESS_FILE, which test files are
 * running and since when, and whether the run has completed: what scripts/run-tests.mjs names when
 * it has to stop a run that takes too long.
 */
import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';

export default class SuiteProgressReporter {
  #running = new Map();
  #file = process.env.TANDEM_TEST_PROGRESS_FILE;

  onTestFileStart(test) {
    this.#running.set(relative(process.cwd(), test.path), Date.now());
    this.#write(false);
  }

  onTestFileResult(test) {
    this.#running.delete(relative(process.cwd(), test.path));
    this.#write(false);
  }

  onRunComplete() {
    this.#write(true);
  }

  getLastError() {
    return undefined;
  }

  #write(complete) {
    if (!this.#file) return;
    writeFileSync(this.#file, JSON.stringify({ complete, running: Object.fromEntries(this.#running) }));
  }
}
