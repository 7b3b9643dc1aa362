import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { inTransaction } from "../db/open-database.ts";
import { outboxMessages } from "../db/schema.ts";
import { createTestDeps } from "../testing/test-deps.ts";
import { deliverDueMessages } from "./deliver-due-messages.ts";
import { enqueueSms } from "./enqueue.ts";
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
