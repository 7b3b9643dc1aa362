import type { Translate } from "~/i18n/i18n";
import { useT } from "~/root";
import { NumberList } from "./application-facts";
import type { ApplicationView, CheckView } from "./application-view";

/** The application checked against the operator's records: how many failed, and each check. */
export function ApplicationChecks({ checks, application }: { checks: CheckView[]; application: ApplicationView }) {
  const t = useT();
  const failed = checks.filter((c) => !c.ok).length;
  return (
    <section className="panel" aria-labelledby="checks-title">
      <h2 id="checks-title">{t("office.app.checks")}</h2>
      <p className={failed > 0 ? "notice notice-warn" : "notice notice-ok"}>
        {failed > 0 ? t("office.app.checks.failed", { count: failed }) : t("office.app.checks.allOk")}
        {failed > 0 && application.status === "submitted" ? <> {t("office.app.checks.failed.hint")}</> : null}
      </p>
      <ul className="checks">
        {checks.map((check) => (
          <li key={check.code} className={check.ok ? "check-ok" : "check-fail"}>
            <span className={`badge ${check.ok ? "badge-ok" : "badge-bad"}`}>
              {t(check.ok ? "office.app.check.ok" : "office.app.check.fail")}
            </span>
            <div>
              <span>{checkText(t, check, application)}</span>
              {check.foreign.length > 0 ? <NumberList numbers={check.foreign} /> : null}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

function checkText(t: Translate, check: CheckView, app: ApplicationView) {
  switch (check.code) {
    case "account.exists":
      return t(check.ok ? "office.check.account.exists.ok" : "office.check.account.exists.fail", {
        account: app.accountNumber,
        region: app.regionName,
      });
    case "numbers.belong":
      return t(check.ok ? "office.check.numbers.belong.ok" : "office.check.numbers.belong.fail");
    case "owner.matches":
      if (check.onRecord === null) return t("office.check.owner.matches.noRecord");
      return t(check.ok ? "office.check.owner.matches.ok" : "office.check.owner.matches.fail", { name: check.onRecord });
    default:
      return check.code;
  }
}
