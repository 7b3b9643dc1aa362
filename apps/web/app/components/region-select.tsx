import { SelectField } from "~/components/field";
import { useT } from "~/root";

/** The "region where the SIM cards are registered" choice of the regional login and its restore page. */
export function RegionSelect({
  name,
  regions,
  defaultValue,
  error,
}: {
  name: string;
  regions: { code: string; name: string }[];
  defaultValue: string;
  error?: string;
}) {
  const t = useT();
  return (
    <SelectField name={name} label={t("login.region")} defaultValue={defaultValue} error={error} required>
      <option value="">{t("login.region.choose")}</option>
      {regions.map((r) => (
        <option key={r.code} value={r.code}>
          {r.name}
        </option>
      ))}
    </SelectField>
  );
}
