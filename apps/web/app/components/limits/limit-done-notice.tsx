import type { LimitDone } from "~/forms/limit-forms";
import { useT } from "~/root";

/** What a change of limits did, after the redirect: the domain's counts of lines, blocked and unblocked. */
export function LimitDoneNotice({ done }: { done: { done?: LimitDone; lines?: number; blocked?: number; unblocked?: number } }) {
  const t = useT();
  if (!done.done) return null;
  return (
    <p className="notice notice-ok" role="status" data-testid="limits-done">
      {t(`limits.done.${done.done}`, { lines: done.lines ?? 0, blocked: done.blocked ?? 0, unblocked: done.unblocked ?? 0 })}
    </p>
  );
}
