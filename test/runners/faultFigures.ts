// Loaded by test/runners/faults.mjs (mocha --require): counts what the long fault run tried and
// how it ended, and prints the figures (tried, crashed, hung, wrong, lost) at the end.
import fc from 'fast-check';
import type { Context } from 'mocha';
import { faultFigures } from '../unit/faultScale';

const outcome = { crashed: 0, hung: 0, wrong: 0 };

// Every property's generated inputs count as tried; a failed property still throws fast-check's
// own report, as it does without this reporter.
fc.configureGlobal({
  reporter: (details) => {
    faultFigures.tried += details.numRuns;
    if (details.failed) throw new Error(fc.defaultReportMessage(details));
  },
});

export const mochaHooks = {
  afterEach(this: Context): void {
    const test = this.currentTest;
    if (test?.state !== 'failed') return;
    const error = (test as { err?: { message?: string; uncaught?: boolean } }).err;
    if (error?.uncaught) outcome.crashed++;
    else if (/^Timeout of \d+ms exceeded/.test(error?.message ?? '')) outcome.hung++;
    else outcome.wrong++;
  },
  afterAll(): void {
    process.stdout.write(`\nFault figures: tried ${faultFigures.tried}, crashed ${outcome.crashed}, hung ${outcome.hung}, wrong ${outcome.wrong}, lost ${faultFigures.lost}\n`);
  },
};
