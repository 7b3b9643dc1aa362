import { Nowrap, RichText } from "~/components/rich-text";
import { useT } from "~/root";
import type { AdminView, ApplicationView, DoneNotice } from "./application-view";

/** What the page says after a decision here (`done`), or when a decision could not be taken. */
export function ReviewNotices({
  done,
  admin,
  application: app,
  alreadyDecided,
  unknownAction,
}: {
  done: DoneNotice | null;
  admin: AdminView | null;
  application: ApplicationView;
  alreadyDecided: boolean;
  unknownAction: boolean;
}) {
  const t = useT();
  const loginAndContact = admin
    ? { login: <strong className="mono">{admin.login}</strong>, contact: <Nowrap>{app.contactNumber}</Nowrap> }
    : null;
  return (
    <>
      {done === "approved" && loginAndContact ? (
        <p className="notice notice-ok" role="status">
          <RichText text={t("office.app.done.approved")} values={loginAndContact} />
        </p>
      ) : null}
      {done === "rejected" ? (
        <p className="notice notice-ok" role="status">
          {t("office.app.done.rejected")}
        </p>
      ) : null}
      {done === "password" && loginAndContact ? (
        <p className="notice notice-ok" role="status">
          <RichText text={t("office.app.done.password")} values={loginAndContact} />
        </p>
      ) : null}
      {alreadyDecided ? (
        <p className="notice notice-warn" role="alert">
          {t("office.app.alreadyDecided")}
        </p>
      ) : null}
      {unknownAction ? (
        <p className="notice notice-bad" role="alert">
          {t("office.app.unknownAction")}
        </p>
      ) : null}
    </>
  );
}
