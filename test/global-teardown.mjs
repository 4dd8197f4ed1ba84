import { killTagged } from './support/tagged-processes.mjs';

export default async function globalTeardown() {
  await globalThis.__TANDEM_PG__?.stop();
  // An engine or browser a failed test did not stop would keep the run (and its output) open.
  for (const leftover of killTagged('TANDEM_TEST_RUN', process.env.TANDEM_TEST_RUN)) {
    console.error(`A process outlived its test and was ended: pid ${leftover.pid}: ${leftover.command}`);
  }
}
