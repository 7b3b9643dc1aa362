import { Link } from "@remix-run/react";
import { Nowrap, RichText } from "~/components/rich-text";
import { useT } from "~/root";

/** How a login attempt failed: its fields (their messages are on the form), the password, a lock, or too many tries. */
export type LoginOutcome = "badInput" | "invalid" | "locked" | "throttled";

/**
 * What a refused login says. A locked login is explained with both ways out: a temporary password
 * by SMS, or the regional office.
 */
export function LoginNotice({
  outcome,
  region,
  maxFailedAttempts,
  restoreHref,
}: {
  outcome: LoginOutcome | null;
  region: { name: string; officePhone: string; officeEmail: string } | undefined;
  maxFailedAttempts: number;
  restoreHref: string;
}) {
  const t = useT();
  if (outcome === "invalid" || outcome === "throttled") {
    return (
      <p className="notice notice-bad" role="alert">
        {t(outcome === "invalid" ? "login.failed.invalid" : "login.failed.throttled")}
      </p>
    );
  }
  if (outcome !== "locked" || !region) return null;
  return (
    <div className="notice notice-bad" role="alert">
      <h2 className="notice-title">{t("login.failed.locked.title")}</h2>
      <p>{t("login.failed.locked", { max: maxFailedAttempts })}</p>
      <p>{t("login.failed.locked.restore")}</p>
      <p>
        <Link className="button button-small" to={restoreHref}>
          {t("login.restore")}
        </Link>
      </p>
      <p>
        <RichText
          text={t("login.failed.locked.office")}
          values={{ region: region.name, phone: <Nowrap>{region.officePhone}</Nowrap>, email: region.officeEmail }}
        />
      </p>
      <p className="muted">{t("login.failed.locked.staff")}</p>
    </div>
  );
}
