import { getFormProps } from "@conform-to/react";
import { Form, Link } from "@remix-run/react";
import { InputField, SelectInput } from "~/components/schema-fields";
import { useSchemaForm } from "~/components/schema-form";
import type { FieldError, SubmissionResult } from "~/forms/form-schema";
import { type LinesFilter, lineSortOptions, lineStatusOptions, linesFilterFormSchema, sortDirectionOptions } from "~/forms/lines-filter-form";
import { useT } from "~/root";

/**
 * The search and filters: a GET form, so the filter is the page's URL (bookmarkable, shareable,
 * works without JavaScript). A new search starts at page 1.
 */
export function LinesFilterForm({
  filter,
  lastResult,
  tariffs,
  departments,
}: {
  filter: LinesFilter;
  lastResult: SubmissionResult<FieldError> | null;
  tariffs: { id: number; name: string }[];
  departments: { id: number; name: string }[];
}) {
  const t = useT();
  const [form, fields] = useSchemaForm(linesFilterFormSchema, {
    id: "lines-filter",
    lastResult,
    defaultValue: {
      q: filter.q ?? "",
      status: filter.status,
      tariff: filter.tariff === undefined ? "" : String(filter.tariff),
      department: filter.department === undefined ? "" : String(filter.department),
      sort: filter.sort,
      dir: filter.dir,
    },
  });
  const filtered = !!filter.q || filter.status !== "all" || filter.tariff !== undefined || filter.department !== undefined;
  return (
    <Form method="get" action="/cabinet/lines" className="filters panel" role="search" aria-label={t("lines.filters")} {...getFormProps(form)}>
      <div className="filters-grow">
        <InputField field={fields.q} type="search" label={t("lines.q")} hint={t("lines.q.hint")} autoComplete="off" />
      </div>
      <SelectInput field={fields.status} label={t("lines.status")}>
        {lineStatusOptions.map((status) => (
          <option key={status} value={status}>
            {t(`lines.status.${status}`)}
          </option>
        ))}
      </SelectInput>
      <SelectInput field={fields.tariff} label={t("lines.tariff")}>
        <option value="">{t("lines.tariff.all")}</option>
        {tariffs.map((tariff) => (
          <option key={tariff.id} value={tariff.id}>
            {tariff.name}
          </option>
        ))}
      </SelectInput>
      <SelectInput field={fields.department} label={t("lines.department")}>
        <option value="">{t("lines.department.all")}</option>
        {departments.map((department) => (
          <option key={department.id} value={department.id}>
            {department.name}
          </option>
        ))}
      </SelectInput>
      {/* The column headers sort too; these are for phones, where the table shows as cards without headers. */}
      <SelectInput field={fields.sort} label={t("lines.sort")}>
        {lineSortOptions.map((sort) => (
          <option key={sort} value={sort}>
            {t(`lines.sort.${sort}`)}
          </option>
        ))}
      </SelectInput>
      <SelectInput field={fields.dir} label={t("lines.dir")}>
        {sortDirectionOptions.map((dir) => (
          <option key={dir} value={dir}>
            {t(`lines.sorted.${dir}`)}
          </option>
        ))}
      </SelectInput>
      <div className="filters-buttons">
        <button type="submit" className="button">
          {t("lines.apply")}
        </button>
        {filtered ? (
          <Link to="/cabinet/lines" className="button button-quiet">
            {t("lines.reset")}
          </Link>
        ) : null}
      </div>
    </Form>
  );
}
