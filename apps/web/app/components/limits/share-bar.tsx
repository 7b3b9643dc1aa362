import type { LimitStandingView } from "./limit-view";

/**
 * The share of the limit spent, as a bar. An SVG, because the page's Content-Security-Policy
 * allows no inline styles (a width in a style attribute would be dropped) while an SVG's own
 * attributes are not styles. The figure is always written beside it in words, so the bar is
 * hidden from screen readers; past 100 % it is full.
 */
export function ShareBar({ percent, standing, blocked }: { percent: number; standing: LimitStandingView; blocked?: boolean }) {
  const tone = blocked || standing === "reached" ? "share-bad" : standing === "warning" ? "share-warn" : "share-ok";
  const width = Math.min(100, Math.max(0, percent));
  return (
    <svg className={`share-bar ${tone}`} viewBox="0 0 100 8" preserveAspectRatio="none" aria-hidden="true" focusable="false">
      <rect className="share-track" x="0" y="0" width="100" height="8" rx="4" />
      {width > 0 ? <rect className="share-fill" x="0" y="0" width={Math.max(width, 2)} height="8" rx="4" /> : null}
    </svg>
  );
}
