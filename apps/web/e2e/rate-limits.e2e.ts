// The built server with its limits on (as deployed): each public form, posted to from one address
// more often than its limit allows, answers 429 with Retry-After and the "try again in N minutes"
// page in the visitor's language. All requests come from 127.0.0.1, as one client.
import { RATE_LIMITS, type RateLimitName } from "@cabinet/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CookieJar, hiddenFields, httpGet, httpPost, logInOverHttp, type Portal, startPortal } from "./harness";

let portal: Portal;
let staff: CookieJar;

beforeAll(async () => {
  portal = await startPortal();
  // Logging in is one post to /login: the /login case below counts from there.
  staff = (await logInOverHttp(portal.baseUrl, "ural", "staff", "Office2026demo")).jar;
});
afterAll(async () => {
  await portal?.stop();
});

const forms: { name: RateLimitName; path: string; page: string; fields: Record<string, string>; alreadyPosted?: number }[] = [
  { name: "apply", path: "/apply", page: "/apply", fields: {} },
  { name: "applicationStatus", path: "/apply/status", page: "/apply/status", fields: {} },
  { name: "login", path: "/login", page: "/login?region=ural", fields: { regionCode: "ural" }, alreadyPosted: 1 },
  { name: "passwordReset", path: "/login/forgot", page: "/login/forgot?region=ural", fields: { regionCode: "ural" } },
  { name: "formVerification", path: "/office/verify", page: "/office/verify", fields: {} },
];

describe("a client over a public form's limit", () => {
  for (const form of forms) {
    const { points, durationSeconds } = RATE_LIMITS[form.name];
    const minutes = durationSeconds / 60;

    it(`${form.path}: after ${points} posts in ${minutes} minutes, 429 and "try again in ${minutes} min", in Russian and in English`, async () => {
      const { baseUrl } = portal;
      const jar = form.name === "formVerification" ? staff.copy() : new CookieJar();
      const { csrf = "" } = hiddenFields(await (await httpGet(baseUrl, form.page, jar)).text());
      const post = () => httpPost(baseUrl, form.path, jar, { ...form.fields, csrf });

      for (let i = form.alreadyPosted ?? 0; i < points; i++) {
        const answer = await post();
        expect(answer.status, `post ${i + 1}`).not.toBe(429);
        await answer.arrayBuffer();
      }

      const russian = await post();
      expect(russian.status).toBe(429);
      const retryAfter = Number(russian.headers.get("Retry-After"));
      expect(retryAfter).toBeGreaterThan(durationSeconds - 120);
      expect(retryAfter).toBeLessThanOrEqual(durationSeconds);
      const page = await russian.text();
      expect(page).toContain('<html lang="ru"');
      expect(page).toContain("Слишком много попыток");
      expect(page).toContain(`${minutes} мин`);

      await httpGet(baseUrl, "/lang?to=en&back=/", jar);
      const english = await post();
      expect(english.status).toBe(429);
      const text = await english.text();
      expect(text).toContain('<html lang="en"');
      expect(text).toContain("Too many attempts");
      expect(text).toContain(`Try again in ${minutes} min.`);
    });
  }

  it("still serves the pages themselves, and other forms have their own count", async () => {
    const jar = new CookieJar();
    expect((await httpGet(portal.baseUrl, "/apply", jar)).status).toBe(200);
    expect((await httpGet(portal.baseUrl, "/login?region=ural", jar)).status).toBe(200);
  });
});
