import type { UserRole, users } from "../db/schema.ts";

/** The logged-in user on whose behalf a domain function acts. */
export interface Actor {
  userId: number;
  login: string;
  displayName: string;
  role: UserRole;
  regionCode: string;
  /** Set for company administrators. */
  companyId: number | null;
  mustChangePassword: boolean;
  clientAddress?: string | null;
}

export type Permission =
  | "cabinet:view"
  /** Changing the company's lines: limits, bulk tariff and service changes, call-detail orders. */
  | "cabinet:manage"
  | "company:read-audit"
  | "office:review-applications"
  | "office:issue-passwords"
  | "office:view-sms-outbox";

const grants: Record<UserRole, readonly Permission[]> = {
  company_admin: ["cabinet:view", "cabinet:manage", "company:read-audit"],
  office_staff: ["office:review-applications", "office:issue-passwords", "office:view-sms-outbox"],
};

/** One place that decides what a role may do; the server guards and the UI both ask it. */
export function can(actor: Pick<Actor, "role"> | null | undefined, permission: Permission): boolean {
  return !!actor && grants[actor.role].includes(permission);
}

/** The actor for a user's row: what a session carries into every domain function. */
export function actorOfUser(user: typeof users.$inferSelect, clientAddress?: string | null): Actor {
  return {
    userId: user.id,
    login: user.login,
    displayName: user.displayName,
    role: user.role,
    regionCode: user.regionCode,
    companyId: user.companyId,
    mustChangePassword: user.mustChangePassword,
    ...(clientAddress === undefined ? {} : { clientAddress }),
  };
}
