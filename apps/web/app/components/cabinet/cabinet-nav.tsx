import { NavLink } from "@remix-run/react";
import type { MessageKey } from "~/i18n/i18n";
import { useT } from "~/root";

const sections: readonly { to: string; label: MessageKey; end?: boolean }[] = [
  { to: "/cabinet", label: "cabinetNav.home", end: true },
  { to: "/cabinet/lines", label: "cabinetNav.lines" },
  { to: "/cabinet/limits", label: "cabinetNav.limits" },
  { to: "/cabinet/bulk", label: "cabinetNav.bulk" },
  { to: "/cabinet/employees", label: "cabinetNav.employees" },
  { to: "/cabinet/movements", label: "cabinetNav.movements" },
  { to: "/cabinet/details", label: "cabinetNav.details" },
  { to: "/cabinet/reports", label: "cabinetNav.reports" },
  { to: "/cabinet/savings", label: "cabinetNav.savings" },
  { to: "/cabinet/audit", label: "cabinetNav.audit" },
];

/**
 * The cabinet's sections, on every cabinet page. Plain links (they work without JavaScript); the
 * current section is marked with aria-current, which NavLink sets, so screen readers say it too.
 */
export function CabinetNav() {
  const t = useT();
  return (
    <nav className="cabinet-nav" aria-label={t("cabinetNav.label")}>
      <ul>
        {sections.map((section) => (
          <li key={section.to}>
            <NavLink to={section.to} end={section.end ?? false}>
              {t(section.label)}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
