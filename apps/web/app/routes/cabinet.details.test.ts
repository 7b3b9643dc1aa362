// The call-details routes as the administrator meets them: the file behind the download link while
// it lives, then the orders page saying the link expired; an order refused on its field in the
// user's language, nothing stored.
import { placeDetailingOrder, runDueJobs, seedDemoData } from "@cabinet/domain";
import type { TestClock } from "@cabinet/domain/testing";
import { beforeAll, describe, expect, it } from "vitest";
import { getRequest as get, installTestApp, loadRouteModule, loggedInVisitor, outcomeOf, postRequest as post, type Visitor } from "~/testing/test-app";

const { deps } = installTestApp();
const clock = deps.clock as TestClock;
let admin: Visitor;

const page = () => loadRouteModule({ file: "routes/cabinet.details._index.tsx" });
const download = () => loadRouteModule({ file: "routes/cabinet.details.$orderId.download.ts" });
const context = { clientAddress: "203.0.113.5" };

beforeAll(async () => {
  await seedDemoData(deps);
  admin = await loggedInVisitor(deps, "ural", "vector", "Vector2026demo");
});

describe("the download link of an order", () => {
  it("serves the file privately while the link lives, then leads to the orders page that says it expired", async () => {
    deps.config.detailing = { ...deps.config.detailing, linkLifetimeMs: 60_000 };
    if (!admin.actor) throw new Error("not logged in");
    const placed = placeDetailingOrder(deps, admin.actor, {
      from: "2026-11-01",
      to: "2026-11-25",
      lines: { kind: "all" },
      format: "csv",
      zip: false,
      email: "vector@example.com",
      locale: "ru",
    });
    if (!placed.ok) throw new Error(JSON.stringify(placed.fieldErrors));
    await runDueJobs(deps);
    const path = `/cabinet/details/${placed.orderId}/download`;
    const params = { orderId: String(placed.orderId) };

    const file = (await (await download()).loader?.({ request: get(admin, path), params, context })) as Response;
    expect(file.status).toBe(200);
    expect(file.headers.get("Cache-Control")).toBe("private, no-store");
    expect(file.headers.get("Content-Disposition")).toMatch(/^attachment; filename="detailing-20261101-20261125\.csv"$/);
    expect(new Uint8Array(await file.arrayBuffer()).subarray(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));

    clock.advance(60_000);
    const expired = await outcomeOf(async () => (await download()).loader?.({ request: get(admin, path), params, context }));
    expect(expired).toMatchObject({ status: 302, location: `/cabinet/details?expired=${placed.orderId}` });
    const shown = await outcomeOf(async () => (await page()).loader?.({ request: get(admin, `/cabinet/details?expired=${placed.orderId}`), params: {}, context }));
    expect(shown.body).toMatchObject({ expired: placed.orderId, orders: [{ id: placed.orderId, downloadable: false }] });
  });
});

describe("an order refused", () => {
  it("answers 400 with the field's code and its parameter (the earliest allowed day), and stores no job", async () => {
    const jobs = () => deps.db.$client.prepare("select count(*) from jobs").pluck().get() as number;
    const before = jobs();
    const answer = await outcomeOf(async () =>
      (await page()).action?.({
        request: post(admin, "/cabinet/details?index", { from: "2026-04-30", to: "2026-11-25", lines: "all", format: "csv", email: "vector@example.com" }),
        params: {},
        context,
      }),
    );
    expect(answer.status).toBe(400);
    expect(JSON.stringify(answer.body)).toContain('{"code":"details.period.tooEarly","params":{"earliest":"01.05.2026"}}');
    expect(jobs()).toBe(before);
  });
});
