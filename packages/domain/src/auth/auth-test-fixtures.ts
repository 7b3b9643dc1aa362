// Test support for the authentication use cases (imported by *.test.ts only).
import { and, eq } from "drizzle-orm";
import { auditEvents, outboxMessages, sessions, users } from "../db/schema.ts";
import type { Deps } from "../deps.ts";
import { approveApplication } from "../office/decide-application.ts";
import { officeFixture, submit } from "../office/office-test-fixtures.ts";
import { type Actor, actorOfUser } from "./actor.ts";
import { logIn } from "./log-in.ts";

/** The contact number of the factory application: temporary passwords go there. */
export const CONTACT_NUMBER = "+79123456789";

/** The temporary password in an SMS as `temporaryPasswordSms` words it. */
export function temporaryPasswordIn(text: string): string {
  const password = /Временный пароль: (\S+)/.exec(text)?.[1];
  if (!password) throw new Error(`no temporary password in: ${text}`);
  return password;
}

/**
 * Ural's office with a company administrator made the way a real one is: an application approved
 * by staff, the temporary password read back from the SMS the approval queued.
 */
export async function adminFixture() {
  const office = await officeFixture();
  const { deps, staff } = office;
  const app = await submit(deps);
  const approved = await approveApplication(deps, staff, { applicationId: app.id });
  if (!approved.ok || !approved.login) throw new Error(`approval failed: ${JSON.stringify(approved)}`);
  const admin = userRow(deps, findUserId(deps, approved.login));
  const sms = outbox(deps).filter((m) => m.channel === "sms");
  const password = temporaryPasswordIn(sms.at(-1)?.text ?? "");
  /** Logs the administrator in (from a fixed address unless told) and returns the session token. */
  const logInAdmin = async (pass = password, clientAddress = "198.51.100.1") => {
    const result = await logIn(deps, { regionCode: "ural", login: admin.login, password: pass, clientAddress });
    if (!result.ok) throw new Error(`cannot log in: ${result.reason}`);
    return result.sessionToken;
  };
  return { ...office, admin, password, logInAdmin };
}

function findUserId(deps: Deps, login: string): number {
  const row = deps.db.select({ id: users.id }).from(users).where(eq(users.login, login)).get();
  if (!row) throw new Error(`no user ${login}`);
  return row.id;
}

export function userRow(deps: Deps, id: number) {
  const row = deps.db.select().from(users).where(eq(users.id, id)).get();
  if (!row) throw new Error(`no user ${id}`);
  return row;
}

export function outbox(deps: Deps) {
  return deps.db.select().from(outboxMessages).all();
}

/** The `auth.*` audit events about one user, oldest first. */
export function authEvents(deps: Deps, userId: number) {
  return deps.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.targetType, "user"), eq(auditEvents.targetId, String(userId))))
    .orderBy(auditEvents.id)
    .all()
    .filter((e) => e.action.startsWith("auth."));
}

export function sessionsOf(deps: Deps, userId: number) {
  return deps.db.select().from(sessions).where(eq(sessions.userId, userId)).all();
}

/** The actor a logged-in user's requests carry. */
export function actorOf(user: typeof users.$inferSelect, clientAddress = "198.51.100.1"): Actor {
  return actorOfUser(user, clientAddress);
}
