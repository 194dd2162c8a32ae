import { writeFileSync } from 'node:fs';

/** Writes passed/failed/skipped totals for scripts/test.js (WTR_COUNTS=path). */
export function countReporter() {
  return {
    onTestRunFinished({ sessions }) {
      const file = process.env.WTR_COUNTS;
      if (!file) return;
      const totals = { passed: 0, failed: 0, skipped: 0 };
      const walk = (suite) => {
        if (!suite) return;
        for (const t of suite.tests ?? []) totals[t.skipped ? 'skipped' : t.passed ? 'passed' : 'failed']++;
        for (const s of suite.suites ?? []) walk(s);
      };
      for (const s of sessions) {
        walk(s.testResults);
        // A file that failed to load or threw outside a test counts as a failure.
        if (!s.passed && (s.errors?.length || !s.testResults)) totals.failed++;
      }
      writeFileSync(file, JSON.stringify(totals));
    },
  };
}
