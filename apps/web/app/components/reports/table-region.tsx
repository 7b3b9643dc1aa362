import type { ReactNode } from "react";

/**
 * A wide table's scrolling box, reachable with the keyboard: a narrow window scrolls it sideways,
 * and a region that scrolls must take focus so that arrow keys can move it (WCAG 2.1.1; axe's
 * scrollable-region-focusable). Named after the table, so the stop says what it is.
 */
export function TableRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region needs a tab stop for the keyboard to scroll it
    <section className="table-wrap" aria-label={label} tabIndex={0}>
      {children}
    </section>
  );
}
