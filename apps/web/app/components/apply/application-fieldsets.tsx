import { InputField, type SchemaField, SelectInput, TextAreaInput } from "~/components/schema-fields";
import { useT } from "~/root";

/** The access application's fields, as conform hands them to the page. */
export interface ApplicationFields {
  regionCode: SchemaField;
  companyName: SchemaField;
  ownerName: SchemaField;
  accountNumber: SchemaField;
  numbers: SchemaField;
  contactNumber: SchemaField;
  email: SchemaField;
  representativeName: SchemaField;
}

/** The company: its region, its name, its owner and its personal account. */
export function CompanyFieldset({ fields, regions }: { fields: ApplicationFields; regions: { code: string; name: string }[] }) {
  const t = useT();
  return (
    <fieldset>
      <legend>{t("apply.section.company")}</legend>
      <SelectInput field={fields.regionCode} label={t("apply.region")} hint={t("apply.region.hint")}>
        <option value="">{t("apply.region.choose")}</option>
        {regions.map((r) => (
          <option key={r.code} value={r.code}>
            {r.name}
          </option>
        ))}
      </SelectInput>
      <InputField
        field={fields.companyName}
        label={t("apply.companyName")}
        hint={t("apply.companyName.hint")}
        autoComplete="organization"
      />
      <InputField field={fields.ownerName} label={t("apply.ownerName")} hint={t("apply.ownerName.hint")} />
      <InputField
        field={fields.accountNumber}
        label={t("apply.accountNumber")}
        hint={t("apply.accountNumber.hint")}
        inputMode="numeric"
      />
    </fieldset>
  );
}

/** The numbers to open access for, and the contact number (which must be one of them). */
export function NumbersFieldset({ fields, serverNumbers }: { fields: ApplicationFields; serverNumbers?: string }) {
  const t = useT();
  return (
    <fieldset>
      <legend>{t("apply.section.numbers")}</legend>
      <TextAreaInput
        field={fields.numbers}
        serverValue={serverNumbers}
        label={t("apply.numbers")}
        hint={t("apply.numbers.hint")}
        rows={5}
      />
      <InputField
        field={fields.contactNumber}
        label={t("apply.contactNumber")}
        hint={t("apply.contactNumber.hint")}
        type="tel"
        autoComplete="tel"
      />
    </fieldset>
  );
}

/** Where the answer goes, and who signs the form. */
export function ContactsFieldset({ fields }: { fields: ApplicationFields }) {
  const t = useT();
  return (
    <fieldset>
      <legend>{t("apply.section.contacts")}</legend>
      <InputField field={fields.email} label={t("apply.email")} hint={t("apply.email.hint")} type="email" autoComplete="email" />
      <InputField
        field={fields.representativeName}
        label={t("apply.representativeName")}
        hint={t("apply.representativeName.hint")}
        autoComplete="name"
      />
    </fieldset>
  );
}
