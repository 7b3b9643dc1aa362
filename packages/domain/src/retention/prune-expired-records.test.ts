import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { adminFixture, sessionsOf } from "../auth/auth-test-fixtures.ts";
import { ADDRESS_WINDOW_MS, isAddressThrottled, MAX_FAILURES_PER_ADDRESS, noteAddressAttempt } from "../auth/login-failures.ts";
import { createSession, findSessionActor, revokeSession, SESSION_ABSOLUTE_MS } from "../auth/sessions.ts";
import { inTransaction, openDatabase } from "../db/open-database.ts";
import { loginFailures, outboxAttachments, outboxMessages } from "../db/schema.ts";
import type { Deps } from "../deps.ts";
import { seedReferenceData } from "../seed/seed-reference-data.ts";
import { deliverDueMessages } from "../outbox/deliver-due-messages.ts";
import { enqueueSms } from "../outbox/enqueue.ts";
import type { OutboxPorts } from "../outbox/ports.ts";
import { createSmsGateway } from "../outbox/sms-gateways.ts";
import { createTestDeps, TestClock, testConfig } from "../testing/test-deps.ts";
import {
  ENDED_SESSION_RETENTION_MS,
  FAILED_MESSAGE_RETENTION_MS,
  LOGIN_FAILURE_RETENTION_MS,
  pruneExpiredRecords,
  SENT_MESSAGE_RETENTION_MS,
} from "./prune-expired-records.ts";

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const delivered: OutboxPorts = { email: { send: async () => ({}) }, sms: createSmsGateway({}) };
const unreachable: OutboxPorts = {
  email: { send: () => Promise.reject(new Error("mail server down")) },
  sms: { send: () => Promise.reject(new Error("gateway down")) },
};

const rowsOf = (deps: Deps) => ({
  loginFailures: deps.db.select({ n: count() }).from(loginFailures).get()?.n,
  outbox: deps.db.select({ id: outboxMessages.id, status: outboxMessages.status }).from(outboxMessages).all(),
  attachments: deps.db.select({ n: count() }).from(outboxAttachments).get()?.n,
});

function queueSms(deps: Deps, text: string) {
  return inTransaction(deps.db, (tx) => enqueueSms(tx, deps.clock.now(), { to: "+79123456789", text, secrets: [], topic: "test", regionCode: "ural" }));
}

describe("retention", () => {
  it("states periods that outlive what each record is for", () => {
    expect(ENDED_SESSION_RETENTION_MS).toBe(7 * DAY);
    expect(LOGIN_FAILURE_RETENTION_MS).toBe(DAY);
    expect(LOGIN_FAILURE_RETENTION_MS).toBeGreaterThan(ADDRESS_WINDOW_MS);
    expect(SENT_MESSAGE_RETENTION_MS).toBe(30 * DAY);
    expect(FAILED_MESSAGE_RETENTION_MS).toBe(90 * DAY);
  });

  it("deletes a session a week after it ended (logged out, idle or too old) and never a live one", async () => {
    const { deps, admin, logInAdmin } = await adminFixture();
    const start = deps.clock.now().getTime();
    const loggedOut = await logInAdmin();
    const idle = await logInAdmin();
    deps.clock.advance(10 * MINUTE);
    revokeSession(deps, loggedOut); // ended at start + 10 min
    // `idle` was last seen at start: it ended at start + 30 min.
    deps.clock.advance(50 * MINUTE);
    const created = deps.clock.now().getTime();
    const live = inTransaction(deps.db, (tx) => createSession(tx, admin.id, deps.clock.now()));
    const tokens = () => sessionsOf(deps, admin.id).length;
    expect(tokens()).toBe(3);
    expect(findSessionActor(deps, idle)).toBeUndefined();

    deps.clock.set(new Date(start + 10 * MINUTE + ENDED_SESSION_RETENTION_MS - MINUTE));
    expect((await pruneExpiredRecords(deps)).sessions).toBe(0);
    deps.clock.set(new Date(start + 10 * MINUTE + ENDED_SESSION_RETENTION_MS + MINUTE));
    expect((await pruneExpiredRecords(deps)).sessions).toBe(1); // the logged-out one
    deps.clock.set(new Date(start + 30 * MINUTE + ENDED_SESSION_RETENTION_MS + MINUTE));
    expect((await pruneExpiredRecords(deps)).sessions).toBe(1); // the idle one
    expect(tokens()).toBe(1);

    // A session in use (a request every 20 minutes) is never pruned; it ends at its absolute limit
    // and goes a week after that.
    const inUse = new TestClock(new Date(created));
    while (inUse.now().getTime() < created + SESSION_ABSOLUTE_MS - 20 * MINUTE) {
      inUse.advance(20 * MINUTE);
      expect(findSessionActor({ ...deps, clock: inUse }, live)).toBeDefined();
      expect((await pruneExpiredRecords({ ...deps, clock: inUse })).sessions).toBe(0);
    }
    deps.clock.set(new Date(created + SESSION_ABSOLUTE_MS + ENDED_SESSION_RETENTION_MS - MINUTE));
    expect((await pruneExpiredRecords(deps)).sessions).toBe(0);
    deps.clock.advance(2 * MINUTE);
    expect((await pruneExpiredRecords(deps)).sessions).toBe(1);
    expect(tokens()).toBe(0);
  });

  it("keeps a failed login's address a day, and still throttles within the window", async () => {
    const deps = createTestDeps();
    const start = deps.clock.now().getTime();
    inTransaction(deps.db, (tx) => {
      for (let i = 0; i < MAX_FAILURES_PER_ADDRESS; i++) noteAddressAttempt(tx, "203.0.113.7", deps.clock.now());
    });
    deps.clock.advance(ADDRESS_WINDOW_MS - MINUTE);
    expect(await pruneExpiredRecords(deps)).toEqual({ sessions: 0, loginFailures: 0, outboxMessages: 0, rateLimits: 0 });
    expect(isAddressThrottled(deps, "203.0.113.7")).toBe(true);

    deps.clock.set(new Date(start + LOGIN_FAILURE_RETENTION_MS - MINUTE));
    expect((await pruneExpiredRecords(deps)).loginFailures).toBe(0);
    deps.clock.advance(2 * MINUTE);
    expect((await pruneExpiredRecords(deps)).loginFailures).toBe(MAX_FAILURES_PER_ADDRESS);
    expect(rowsOf(deps).loginFailures).toBe(0);
  });

  it("deletes a delivered message 30 days after delivery with its attachments, a failed one 90 days after it was queued, and never a pending one", async () => {
    const { deps } = await adminFixture(); // an application (two e-mails with its PDF), the approval's SMS and e-mail
    const start = deps.clock.now().getTime();
    await deliverDueMessages(deps, delivered);
    const sentIds = rowsOf(deps).outbox.map((m) => m.id);
    expect(rowsOf(deps).outbox.every((m) => m.status === "sent")).toBe(true);
    expect(rowsOf(deps).attachments).toBeGreaterThan(0);

    const failedId = queueSms(deps, "не дойдёт");
    for (let i = 0; i < 30; i++) {
      await deliverDueMessages(deps, unreachable);
      deps.clock.advance(60 * MINUTE);
    }
    const pendingId = queueSms(deps, "ждёт шлюза");
    expect(rowsOf(deps).outbox.find((m) => m.id === failedId)?.status).toBe("failed");

    deps.clock.set(new Date(start + SENT_MESSAGE_RETENTION_MS - MINUTE));
    expect((await pruneExpiredRecords(deps)).outboxMessages).toBe(0);
    deps.clock.set(new Date(start + SENT_MESSAGE_RETENTION_MS + MINUTE));
    expect((await pruneExpiredRecords(deps)).outboxMessages).toBe(sentIds.length);
    expect(rowsOf(deps).attachments).toBe(0);

    deps.clock.set(new Date(start + FAILED_MESSAGE_RETENTION_MS + MINUTE));
    expect((await pruneExpiredRecords(deps)).outboxMessages).toBe(1);
    deps.clock.advance(365 * DAY);
    await pruneExpiredRecords(deps);
    expect(rowsOf(deps).outbox).toEqual([{ id: pendingId, status: "pending" }]);
  });

  it("is safe with several processes pruning one database file at once", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cabinet-retention-"));
    try {
      const file = join(dir, "cabinet.db");
      const clock = new TestClock();
      const processes: Deps[] = [0, 1, 2].map(() => ({ db: openDatabase(file), clock, config: testConfig }));
      const [first] = processes as [Deps];
      seedReferenceData(first.db);
      inTransaction(first.db, (tx) => {
        for (let i = 0; i < 1_700; i++) noteAddressAttempt(tx, `198.51.100.${i % 250}`, clock.now());
      });
      for (let i = 0; i < 1_200; i++) queueSms(first, `SMS ${i}`);
      first.db.update(outboxMessages).set({ status: "sent", sentAt: clock.now() }).run();
      queueSms(first, "ещё не отправлено");
      clock.advance(SENT_MESSAGE_RETENTION_MS + MINUTE);

      const reports = await Promise.all(processes.map((deps) => pruneExpiredRecords(deps)));
      expect(reports.reduce((n, r) => n + r.loginFailures, 0)).toBe(1_700);
      expect(reports.reduce((n, r) => n + r.outboxMessages, 0)).toBe(1_200);
      expect(rowsOf(first).loginFailures).toBe(0);
      expect(first.db.select().from(outboxMessages).where(eq(outboxMessages.status, "pending")).all()).toHaveLength(1);
      for (const deps of processes) deps.db.$client.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
