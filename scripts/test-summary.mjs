// Sums the vitest JSON reports that scripts/test.sh asked every package to write, and says how many
// tests passed and failed, naming each failure. Exits 1 when a test failed or a report is missing.
import { existsSync, readFileSync } from "node:fs";

const expected = process.argv.slice(2); // "<package dir>/.test-results/<kind>.json" files that must exist
let passed = 0;
let failed = 0;
const failures = [];
const missing = [];
for (const file of expected) {
  if (!existsSync(file)) {
    missing.push(file);
    continue;
  }
  const report = JSON.parse(readFileSync(file, "utf8"));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  for (const suite of report.testResults ?? []) {
    for (const test of suite.assertionResults ?? []) {
      if (test.status === "failed") failures.push(`${suite.name.replace(`${process.cwd()}/`, "")} › ${test.fullName}`);
    }
    if (suite.status === "failed" && (suite.assertionResults ?? []).length === 0) {
      failures.push(`${suite.name.replace(`${process.cwd()}/`, "")} (the file failed to run: ${suite.message ?? "see above"})`);
      failed += 1;
    }
  }
}
for (const failure of failures) console.log(`  ✗ ${failure}`);
for (const file of missing) console.log(`  ✗ no report: ${file} (its test task did not run)`);
console.log(`==> tests: ${passed} passed, ${failed} failed${missing.length ? `, ${missing.length} test tasks did not run` : ""}`);
process.exit(failed > 0 || missing.length > 0 ? 1 : 0);
