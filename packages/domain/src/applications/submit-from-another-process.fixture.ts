// Run by submit-application-concurrency.test.ts in child processes (through tsx): submits the
// given forms to the given SQLite file, all at once, as a second server process would, and prints
// the results as one JSON line. Argument: JSON { file, startAt, forms }.
import { openDatabase } from "../db/open-database.ts";
import { systemClock } from "../deps.ts";
import { testConfig } from "../testing/test-deps.ts";
import { stopPdfWorkers } from "./application-pdf.ts";
import { submitApplication } from "./submit-application.ts";

const { file, startAt, forms } = JSON.parse(process.argv[2] ?? "{}") as {
  file: string;
  startAt: number;
  forms: Record<string, string>[];
};
const deps = { db: openDatabase(file), clock: systemClock, config: testConfig };
// Both processes start submitting at the same moment.
await new Promise((resolve) => setTimeout(resolve, Math.max(0, startAt - Date.now())));
const results = await Promise.all(forms.map((form) => submitApplication(deps, form, { locale: "ru" })));
await stopPdfWorkers();
deps.db.$client.close();
process.stdout.write(`${JSON.stringify(results)}\n`);
