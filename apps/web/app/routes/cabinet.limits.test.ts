// The limits page's company settings through its action, as the administrator sends them: the
// default limit and the warning percent live on one company row, and each form changes only its part.
import { getLimitsOverview, seedDemoData } from "@cabinet/domain";
import { beforeAll, expect, it } from "vitest";
import { remixRouteManifest } from "~/testing/route-manifest";
import { installTestApp, loadRouteModule, loggedInVisitor, outcomeOf, postRequest, type Visitor } from "~/testing/test-app";

const { deps } = installTestApp();
let admin: Visitor;
beforeAll(async () => {
  await seedDemoData(deps);
  admin = await loggedInVisitor(deps, "ural", "vector", "Vector2026demo");
});

async function send(fields: Record<string, string>) {
  const route = remixRouteManifest().find((r) => r.id === "routes/cabinet.limits._index");
  const action = route ? (await loadRouteModule(route)).action : undefined;
  if (!action) throw new Error("no action on the limits page");
  return outcomeOf(() => action({ request: postRequest(admin, "/cabinet/limits?index", fields), params: {}, context: { clientAddress: "203.0.113.9" } }));
}

it("setting and removing the default limit keeps the company's warning percent set with its own form", async () => {
  const overview = () => getLimitsOverview(deps, admin.actor as NonNullable<Visitor["actor"]>);
  expect(await send({ intent: "warning", warningPercent: "90" })).toMatchObject({ status: 302, location: expect.stringMatching(/^\/cabinet\/limits\?done=warning/) });
  expect(await send({ intent: "default", amount: "3 000", policy: "split" })).toMatchObject({ status: 302, location: expect.stringMatching(/done=default/) });
  expect(overview()).toMatchObject({ warningPercent: 90, companyDefault: { amount: 300_000, policy: "split", warningPercent: 90 } });
  expect(await send({ intent: "removeDefault" })).toMatchObject({ status: 302, location: expect.stringMatching(/done=defaultRemoved/) });
  expect(overview().warningPercent).toBe(90);
  // A refused amount changes nothing and answers on its field.
  const refused = await send({ intent: "default", amount: "1,000", policy: "block" });
  expect(refused.status).toBe(400);
  expect(JSON.stringify(refused.body)).toContain("limits.amount.invalid");
  expect(overview().companyDefault?.amount ?? null).toBeNull();
});
