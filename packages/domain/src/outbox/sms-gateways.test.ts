import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { adminFixture, CONTACT_NUMBER } from "../auth/auth-test-fixtures.ts";
import { inTransaction } from "../db/open-database.ts";
import { outboxMessages } from "../db/schema.ts";
import { createTestDeps } from "../testing/test-deps.ts";
import { deliverDueMessages, MAX_DELIVERY_ATTEMPTS } from "./deliver-due-messages.ts";
import { enqueueSms, REDACTED } from "./enqueue.ts";
import type { OutboxPorts } from "./ports.ts";
import { createSmsGateway } from "./sms-gateways.ts";

interface Received {
  headers: IncomingHttpHeaders;
  body: unknown;
}

/** A stand-in SMS gateway on 127.0.0.1 that answers with the status it is told to. */
async function startGateway() {
  const received: Received[] = [];
  let status = 200;
  const server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => {
      body += chunk;
    });
    request.on("end", () => {
      received.push({ headers: request.headers, body: JSON.parse(body) });
      response.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/sms`,
    received,
    answer: (next: number) => {
      status = next;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let gateway: Awaited<ReturnType<typeof startGateway>> | undefined;
afterEach(async () => {
  await gateway?.close();
  gateway = undefined;
});

const noEmail: OutboxPorts["email"] = {
  send: () => Promise.reject(new Error("no e-mail expected")),
};

describe("the HTTP SMS gateway", () => {
  it("posts each SMS with the token and one idempotency key, retries while the gateway fails, and marks it sent once", async () => {
    gateway = await startGateway();
    const deps = createTestDeps();
    const ports: OutboxPorts = { email: noEmail, sms: createSmsGateway({ url: gateway.url, token: "gateway-token" }) };
    inTransaction(deps.db, (tx) =>
      enqueueSms(tx, deps.clock.now(), { to: "+79123456789", text: "Логин: c100200300", secrets: [], topic: "user:1", regionCode: "ural" }),
    );

    gateway.answer(503);
    expect(await deliverDueMessages(deps, ports)).toEqual({ sent: 0, retried: 1, failed: 0 });
    const waiting = deps.db.select().from(outboxMessages).get();
    expect(waiting).toMatchObject({ status: "pending", attempts: 1, lastError: "SMS gateway answered 503" });

    gateway.answer(200);
    deps.clock.advance(60_000);
    expect(await deliverDueMessages(deps, ports)).toEqual({ sent: 1, retried: 0, failed: 0 });
    deps.clock.advance(3_600_000);
    expect(await deliverDueMessages(deps, ports)).toEqual({ sent: 0, retried: 0, failed: 0 });

    expect(gateway.received).toHaveLength(2);
    for (const { headers, body } of gateway.received) {
      expect(headers.authorization).toBe("Bearer gateway-token");
      expect(headers["content-type"]).toBe("application/json");
      expect(headers["idempotency-key"]).toBe(waiting?.messageId);
      expect(body).toEqual({ to: "+79123456789", text: "Логин: c100200300", messageId: waiting?.messageId });
    }
    expect(deps.db.select().from(outboxMessages).get()).toMatchObject({ status: "sent", attempts: 2 });
  });

  it("keeps the SMS queued when the gateway cannot be reached at all", async () => {
    gateway = await startGateway();
    const url = gateway.url;
    await gateway.close();
    gateway = undefined;
    const deps = createTestDeps();
    const ports: OutboxPorts = { email: noEmail, sms: createSmsGateway({ url }) };
    inTransaction(deps.db, (tx) =>
      enqueueSms(tx, deps.clock.now(), { to: "+79123456789", text: "Проверка", secrets: [], topic: "user:1", regionCode: "ural" }),
    );
    expect(await deliverDueMessages(deps, ports)).toEqual({ sent: 0, retried: 1, failed: 0 });
    expect(deps.db.select().from(outboxMessages).get()).toMatchObject({ status: "pending", attempts: 1 });
  });
});

const anyEmail: OutboxPorts["email"] = { send: async () => ({}) };
const smsRows = (deps: ReturnType<typeof createTestDeps>) =>
  deps.db.select().from(outboxMessages).where(eq(outboxMessages.channel, "sms")).all();

describe("a temporary password in an SMS", () => {
  it("is handed to the gateway whole, then blanked in the database: the login and the link stay readable", async () => {
    gateway = await startGateway();
    const { deps, admin, password } = await adminFixture();
    await deliverDueMessages(deps, { email: anyEmail, sms: createSmsGateway({ url: gateway.url }) });

    expect(gateway.received).toHaveLength(1);
    const sent = (gateway.received[0]?.body as { to: string; text: string }) ?? { to: "", text: "" };
    expect(sent.to).toBe(CONTACT_NUMBER);
    expect(sent.text).toContain(password);

    const [stored] = smsRows(deps);
    expect(stored).toMatchObject({ status: "sent", redactedText: null });
    expect(stored?.text).not.toContain(password);
    expect(stored?.text).toContain(admin.login);
    expect(stored?.text).toContain(REDACTED);
    expect(stored?.text).toBe(sent.text.replace(password, REDACTED));
    // Nothing else in the database holds it readable either.
    const dump = JSON.stringify(deps.db.$client.prepare("select * from outbox_messages").all());
    expect(dump).not.toContain(password);
  });

  it("is blanked as well when the gateway is given up on", async () => {
    gateway = await startGateway();
    gateway.answer(500);
    const { deps, password } = await adminFixture();
    const ports: OutboxPorts = { email: anyEmail, sms: createSmsGateway({ url: gateway.url }) };
    for (let i = 0; i < MAX_DELIVERY_ATTEMPTS; i++) {
      await deliverDueMessages(deps, ports);
      deps.clock.advance(3_600_000);
    }
    const [stored] = smsRows(deps);
    expect(stored).toMatchObject({ status: "failed", attempts: MAX_DELIVERY_ATTEMPTS, redactedText: null });
    expect(stored?.text).not.toContain(password);
  });

  it("stays readable while it waits for a retry, and in the development SMS outbox, where the table is the phone", async () => {
    gateway = await startGateway();
    gateway.answer(503);
    const { deps, password } = await adminFixture();
    await deliverDueMessages(deps, { email: anyEmail, sms: createSmsGateway({ url: gateway.url }) });
    expect(smsRows(deps)[0]).toMatchObject({ status: "pending" });
    expect(smsRows(deps)[0]?.text).toContain(password);

    deps.clock.advance(60_000);
    await deliverDueMessages(deps, { email: anyEmail, sms: createSmsGateway({}) });
    expect(smsRows(deps)[0]).toMatchObject({ status: "sent" });
    expect(smsRows(deps)[0]?.text).toContain(password);
  });
});
