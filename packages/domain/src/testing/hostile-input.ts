// Input made to hurt a backtracking regular expression, and a stopwatch for it: every check a
// public field goes through must answer each of these within HOSTILE_INPUT_BUDGET_MS. Used by the
// domain's and the web forms' time-budget tests (no test framework here: it returns what was slow).

/** Generous for a shared 2-core machine; a backtracking pattern misses it by orders of magnitude. */
export const HOSTILE_INPUT_BUDGET_MS = 50;

/** The pieces a name, number, e-mail or code is made of, and the boundaries between them. */
const units = [
  "А", "A", "ё", "1", " ", "  ", "\t", "\n", "\r\n", ".", "-", "'", "’", ",", ";", "«", "»", '"', "(", ")", "+", "@",
  "А.", "А. ", "А-", "А'", "А ", "a.", "a-", "a@", "a@a.", "a.a@", "1-", "1 ", "+7", "8 (", "9-", "\u0000", "\u200b", "é",
];
const endings = ["", "!", "@", ".", " ", "1", "\u0000"];

/**
 * The owner name that froze the server ("А. " × 26 + "!": 2.4 s; × 49: days), a 100 KB string, and
 * each unit repeated to `length` characters with each ending: the near-misses that make patterns
 * backtrack. Give a field's limit (so its patterns really run) and far more (so its length check does).
 */
export function hostileValues(length: number): string[] {
  const values = [`${"А. ".repeat(26)}!`, `${"А. ".repeat(49)}!`, "x".repeat(100_000)];
  for (const unit of units) {
    const body = unit.repeat(Math.max(1, Math.floor(length / unit.length)));
    for (const ending of endings) values.push(body + ending);
  }
  return values;
}

/** Lengths that pass a field's length check (so its patterns really run) and one far over it. */
export const hostileLengthsFor = (limit: number) => [Math.max(1, limit - 2), limit, 100_000];

/**
 * Runs `check` on each value and describes the first that takes longer than the budget, or returns
 * undefined. Stops there: with a backtracking pattern the next ones could take days. Each value gets
 * up to three runs, the fastest counting: a catastrophic pattern is slow every time, a busy machine
 * only sometimes.
 */
export function firstOverBudget(name: string, values: string[], check: (value: string) => unknown): string | undefined {
  for (const value of values) {
    let fastest = Number.POSITIVE_INFINITY;
    for (let run = 0; run < 3 && fastest > HOSTILE_INPUT_BUDGET_MS; run++) {
      const start = performance.now();
      check(value);
      fastest = Math.min(fastest, performance.now() - start);
    }
    if (fastest > HOSTILE_INPUT_BUDGET_MS) {
      return `${name} ${JSON.stringify(value.slice(0, 24))}… (${value.length} chars): ${fastest.toFixed(0)} ms`;
    }
  }
  return undefined;
}
