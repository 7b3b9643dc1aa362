import { useT } from "~/root";
import type { LineAnswer, LineDone } from "./line-view";

/** What just happened: a change saved (after the redirect), or a save refused as changed meanwhile. */
export function LineNotices({ done, reply }: { done: LineDone | null; reply: LineAnswer | undefined }) {
  const t = useT();
  return (
    <>
      {reply?.stale ? (
        <div className="notice notice-bad" role="alert" data-testid="line-stale">
          <p>
            <strong>{t("line.stale.title")}</strong>
          </p>
          <p>{t("line.stale.text")}</p>
        </div>
      ) : null}
      {reply?.unknownAction ? (
        <p className="notice notice-bad" role="alert">
          {t("errors.form.expired")}
        </p>
      ) : null}
      {done && !reply ? (
        <p className="notice notice-ok" role="status" data-testid="line-done">
          {t(`line.done.${done}`)}
        </p>
      ) : null}
    </>
  );
}
