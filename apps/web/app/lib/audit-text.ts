import { isMessageKey, type Translate } from "~/i18n/i18n";

/** An audit action in the reader's language; an action without a text yet shows its code. */
export function auditActionText(t: Translate, action: string): string {
  const key = `audit.action.${action}`;
  return isMessageKey(key) ? t(key) : action;
}

export function auditActorText(t: Translate, label: string): string {
  if (label === "system") return t("audit.system");
  if (label === "anonymous") return t("audit.anonymous");
  if (label === "applicant") return t("audit.applicant");
  return label;
}

export function auditTargetText(t: Translate, type: string): string {
  const key = `audit.target.${type}`;
  return isMessageKey(key) ? t(key) : type;
}

function valueText(t: Translate, field: string, value: unknown): string | null {
  if (value === null || value === undefined || value === "") return null;
  if (field === "checksOverridden" && value === false) return null;
  if (typeof value === "boolean") return value ? t("common.yes") : t("common.no");
  if (field === "status" && typeof value === "string") {
    const key = `status.state.${value}`;
    return isMessageKey(key) ? t(key) : value;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return null;
    return value
      .map((v) => {
        const key = `office.checkName.${String(v)}`;
        return isMessageKey(key) ? t(key) : String(v);
      })
      .join(", ");
  }
  if (typeof value === "string" || typeof value === "number") return String(value);
  return null;
}

/**
 * The known fields of an audit event's "after" values as "label: value" lines. Unknown fields are
 * left out rather than shown as raw codes.
 */
export function auditDetails(t: Translate, after: Record<string, unknown> | null | undefined): string[] {
  if (!after) return [];
  return Object.entries(after).flatMap(([field, value]) => {
    const key = `audit.field.${field}`;
    if (!isMessageKey(key)) return [];
    const text = valueText(t, field, value);
    return text === null ? [] : [`${t(key)}: ${text}`];
  });
}
