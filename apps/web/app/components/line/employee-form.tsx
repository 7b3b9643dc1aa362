import { getFormProps } from "@conform-to/react";
import { Form, useNavigation } from "@remix-run/react";
import { CsrfField } from "~/components/csrf-field";
import { ErrorSummary } from "~/components/field";
import { HiddenFieldsProblem, InputField, SelectInput, summaryOf } from "~/components/schema-fields";
import { useSchemaForm } from "~/components/schema-form";
import type { FieldError, SubmissionResult } from "~/forms/form-schema";
import { employeeFormSchema } from "~/forms/line-forms";
import { useT } from "~/root";
import type { LineView } from "./line-view";

/**
 * Who uses the line and their department: chosen from the company's list, or typed in as a new
 * one. The page keys this form by the line's version, so after "changed meanwhile" it shows the
 * line's current values.
 */
export function EmployeeForm({
  line,
  departments,
  lastResult,
}: {
  line: LineView;
  departments: { id: number; name: string }[];
  lastResult: SubmissionResult<FieldError> | null;
}) {
  const t = useT();
  const [form, fields] = useSchemaForm(employeeFormSchema, {
    id: "employee",
    lastResult,
    defaultValue: {
      employeeName: line.employeeName ?? "",
      departmentId: line.department ? String(line.department.id) : "",
    },
  });
  const navigation = useNavigation();
  const submitting = navigation.state === "submitting" && navigation.formData?.get("intent") === "employee";
  const summary = summaryOf(t, form, [
    { field: fields.employeeName, label: t("line.employee.name") },
    { field: fields.departmentId, label: t("line.employee.department") },
    { field: fields.newDepartmentName, label: t("line.employee.newDepartment") },
  ]);
  return (
    <section className="panel" aria-labelledby="line-employee-title" id="employee">
      <h2 id="line-employee-title">{t("line.employee.title")}</h2>
      <ErrorSummary title={t("line.errorSummary", { count: summary.length })} errors={summary} />
      <HiddenFieldsProblem fields={[fields.intent, fields.version]} />
      <Form method="post" className="stack" preventScrollReset {...getFormProps(form)}>
        <CsrfField />
        <input type="hidden" name="intent" value="employee" />
        <input type="hidden" name="version" value={line.version} />
        <InputField field={fields.employeeName} label={t("line.employee.name")} hint={t("line.employee.name.hint")} autoComplete="off" />
        <SelectInput field={fields.departmentId} label={t("line.employee.department")}>
          <option value="">{t("line.employee.noDepartment")}</option>
          {departments.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
        </SelectInput>
        <InputField
          field={fields.newDepartmentName}
          label={t("line.employee.newDepartment")}
          hint={t("line.employee.newDepartment.hint")}
          autoComplete="off"
        />
        <div className="actions">
          <button type="submit" className="button" disabled={submitting}>
            {t("line.employee.submit")}
          </button>
        </div>
      </Form>
    </section>
  );
}
