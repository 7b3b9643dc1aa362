// Each public form's action, called as Remix calls it, counts requests per client address: over the
// limit it answers 429 with Retry-After and the minutes the error page names, before reading the
// body; another address is not affected. (e2e/rate-limits.e2e.ts sees the page itself, in Russian
// and English, from the built server.)
import { createStaffUser, RATE_LIMITS, type RateLimitName } from "@cabinet/domain";
import { beforeAll, describe, expect, it } from "vitest";
import {
  anonymousVisitor,
  installTestApp,
  loadRouteModule,
  loggedInVisitor,
  postRequest,
  type Visitor,
} from "~/testing/test-app";

const { deps, env } = installTestApp({ RATE_LIMITS: "on" });

const forms: { name: RateLimitName; path: string; file: string; staff?: true }[] = [
  { name: "apply", path: "/apply", file: "routes/apply._index.tsx" },
  { name: "applicationStatus", path: "/apply/status", file: "routes/apply.status.tsx" },
  { name: "login", path: "/login", file: "routes/login.tsx" },
  { name: "passwordReset", path: "/login/forgot", file: "routes/login_.forgot.tsx" },
  { name: "formVerification", path: "/office/verify", file: "routes/office.verify.tsx", staff: true },
];

let anonymous: Visitor;
let staff: Visitor;
beforeAll(async () => {
  await createStaffUser(deps, { regionCode: "ural", login: "staff", displayName: "Staff", password: "Office2026demo", mustChangePassword: false });
  anonymous = await anonymousVisitor();
  staff = await loggedInVisitor(deps, "ural", "staff", "Office2026demo");
});

interface Answer {
  status: number;
  retryAfter: string | null;
  body: unknown;
}

/** Posts an empty form (a 400 at most, never a change) from `clientAddress` and reports the answer, thrown or returned. */
async function post(form: (typeof forms)[number], clientAddress: string): Promise<Answer> {
  const { action } = await loadRouteModule(form);
  if (!action) throw new Error(`${form.file} has no action`);
  const request = postRequest(form.staff ? staff : anonymous, form.path, {});
  let answer: unknown;
  try {
    answer = await action({ request, params: {}, context: { clientAddress } });
  } catch (thrown) {
    if (thrown instanceof Error) throw thrown;
    answer = thrown;
  }
  if (answer instanceof Response) return { status: answer.status, retryAfter: answer.headers.get("Retry-After"), body: null };
  const { data, init } = answer as { data: unknown; init: ResponseInit | null };
  return { status: init?.status ?? 200, retryAfter: new Headers(init?.headers).get("Retry-After"), body: data };
}

describe("rate limits of the public forms", () => {
  for (const form of forms) {
    const { points, durationSeconds } = RATE_LIMITS[form.name];

    it(`${form.path}: ${points} posts per ${durationSeconds / 60} minutes from one address, then 429 "try again in ${durationSeconds / 60} minutes"`, async () => {
      expect(env.RATE_LIMITS).toBe("on");
      const address = `203.0.113.${forms.indexOf(form) + 1}`;
      // Up to the limit the form answers for itself (an empty form: 400, its field messages).
      for (let i = 0; i < points; i++) expect((await post(form, address)).status).toBe(400);

      const refused = await post(form, address);
      expect(refused).toEqual({
        status: 429,
        retryAfter: String(durationSeconds),
        body: { retryAfterMinutes: durationSeconds / 60, locale: "ru" },
      });
      expect((await post(form, "198.51.100.77")).status).toBe(400);
    });
  }

  it("are all off with RATE_LIMITS=off (benchmarks)", async () => {
    globalThis.__cabinetEnv = { ...env, RATE_LIMITS: "off" };
    try {
      const form = forms[0] as (typeof forms)[number];
      for (let i = 0; i <= RATE_LIMITS.apply.points + 1; i++) expect((await post(form, "192.0.2.200")).status).toBe(400);
    } finally {
      globalThis.__cabinetEnv = env;
    }
  });
});
