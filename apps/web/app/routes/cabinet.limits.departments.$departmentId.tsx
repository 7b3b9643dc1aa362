import { type Actor, type Deps, getLimitsOverview, removeDepartmentLimit, setDepartmentLimit } from "@cabinet/domain";
import { getFormProps } from "@conform-to/react";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { CabinetNav } from "~/components/cabinet/cabinet-nav";
import { CsrfField } from "~/components/csrf-field";
import { ErrorSummary } from "~/components/field";
import { LimitDoneNotice } from "~/components/limits/limit-done-notice";
import { LimitFields } from "~/components/limits/limit-fields";
import { HiddenFieldsProblem, summaryOf } from "~/components/schema-fields";
import { useSchemaForm } from "~/components/schema-form";
import { parseForm } from "~/forms/form-schema";
import { departmentLimitFormSchema, departmentLimitRemoveSchema, limitDoneQuerySchema, limitDoneSearch, limitIntentSchema } from "~/forms/limit-forms";
import { fieldErrorMessage, translator } from "~/i18n/i18n";
import { type LimitAnswer, limitRefusals } from "~/lib/limit-refusals.server";
import { limitValueView } from "~/lib/limit-view.server";
import { formatCount } from "~/lib/money";
import { useT } from "~/root";
import { requireActor } from "~/server/auth.server";
import { appDeps } from "~/server/context.server";
import { mapDomainErrors, notFound, readTrustedForm } from "~/server/http.server";
import { getLocale } from "~/server/locale.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

/** The numeric id in /cabinet/limits/departments/$departmentId; anything else is a 404. */
function departmentIdParam(value: string | undefined): number {
  if (!value || !/^[1-9]\d{0,14}$/.test(value)) notFound();
  return Number(value);
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context, "cabinet:view");
  const departmentId = departmentIdParam(params.departmentId);
  const deps = await appDeps();
  const overview = await mapDomainErrors(() => getLimitsOverview(deps, actor));
  // The company's own departments only: another company's id is not there.
  const department = overview.departments.find((d) => d.departmentId === departmentId);
  if (!department?.name) notFound();
  const locale = await getLocale(request);
  return {
    title: translator(locale)("limits.department.title", { name: department.name }),
    department: {
      name: department.name,
      lines: formatCount(department.lines, locale),
      own: formatCount(department.linesWithLimit, locale),
      limit: department.limit ? limitValueView(department.limit, locale) : null,
    },
    warningPercent: overview.warningPercent,
    done: limitDoneQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams)),
  };
}

/** The department's limit set or removed: one domain call each; its lines are re-evaluated at once. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context, "cabinet:manage");
  const form = await readTrustedForm(request);
  const departmentId = departmentIdParam(params.departmentId);
  const deps = await appDeps();
  const chosen = parseForm(form, limitIntentSchema);
  const intent = chosen.status === "success" ? chosen.value.intent : null;
  const back = (search: string) => redirect(`/cabinet/limits/departments/${departmentId}${search}`);
  if (intent === "set") {
    const submission = parseForm(form, departmentLimitFormSchema);
    if (submission.status !== "success") {
      // Another company's department is a 404 whatever was typed.
      await mapDomainErrors(() => assertOwnDepartment(deps, actor, departmentId));
      return data<LimitAnswer>({ intent, result: submission.reply() }, { status: 400 });
    }
    const { amount, policy, warningPercent, notifyEmployee, until } = submission.value;
    const limit = { amount, policy, warningPercent: warningPercent ?? null, notifyEmployee, until: until ?? null };
    return limitRefusals(intent, submission, () => back(limitDoneSearch("department", setDepartmentLimit(deps, actor, { departmentId, limit }))));
  }
  if (intent === "remove") {
    const submission = parseForm(form, departmentLimitRemoveSchema);
    if (submission.status !== "success") return data<LimitAnswer>({ intent, result: submission.reply() }, { status: 400 });
    return limitRefusals(intent, submission, () => back(limitDoneSearch("departmentRemoved", removeDepartmentLimit(deps, actor, { departmentId }))));
  }
  return notFound();
}

function assertOwnDepartment(deps: Deps, actor: Actor, departmentId: number) {
  if (!getLimitsOverview(deps, actor).departments.some((d) => d.departmentId === departmentId)) notFound();
}

export default function DepartmentLimitPage() {
  const t = useT();
  const { department, warningPercent, done } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const limit = department.limit;
  const [form, fields] = useSchemaForm(departmentLimitFormSchema, {
    id: "department-limit",
    lastResult: answer?.intent === "set" ? answer.result : null,
    defaultValue: {
      amount: limit?.amountInput ?? "",
      policy: limit?.policy ?? "notify",
      warningPercent: limit?.warningPercent == null ? "" : String(limit.warningPercent),
      notifyEmployee: limit?.notifyEmployee ? "yes" : "",
      until: limit?.untilInput ?? "",
    },
  });
  const summary = summaryOf(t, form, [
    { field: fields.amount, label: t("limits.field.amount") },
    { field: fields.policy, label: t("limits.field.policy") },
    { field: fields.warningPercent, label: t("limits.field.warning") },
    { field: fields.until, label: t("limits.field.until") },
  ]);
  return (
    <>
      <CabinetNav />
      <p className="breadcrumb">
        <Link to="/cabinet/limits">{t("limits.department.back")}</Link>
      </p>
      <div className="page-head">
        <div>
          <h1>{t("limits.department.title", { name: department.name })}</h1>
          <p className="lead">{t("limits.department.lead", { lines: department.lines, own: department.own })}</p>
        </div>
      </div>
      <LimitDoneNotice done={done} />
      {answer?.refusal ? (
        <p className="notice notice-bad" role="alert">
          {fieldErrorMessage(t, answer.refusal)}
        </p>
      ) : null}
      <section className="panel narrow" aria-labelledby="department-limit-title">
        <h2 id="department-limit-title">{t("limits.col.departmentLimit")}</h2>
        <p data-testid="department-limit">
          {limit
            ? t("limits.department.current", {
                limit: `${limit.amount}, ${t(`limits.policyShort.${limit.policy}`)}${limit.until ? `, ${t("limits.temporary", { date: limit.until })}` : ""}`,
              })
            : t("limits.department.noLimit")}
        </p>
        <ErrorSummary title={t("limits.errorSummary", { count: summary.length })} errors={summary} />
        <HiddenFieldsProblem fields={[fields.intent]} />
        <Form method="post" className="stack" {...getFormProps(form)}>
          <CsrfField />
          <input type="hidden" name="intent" value="set" />
          <LimitFields fields={fields} idPrefix="department-limit" companyWarningPercent={warningPercent} />
          <div className="actions">
            <button type="submit" className="button" disabled={busy}>
              {t("limits.department.submit")}
            </button>
          </div>
        </Form>
        {limit ? (
          <Form method="post" className="actions">
            <CsrfField />
            <input type="hidden" name="intent" value="remove" />
            <button type="submit" className="button button-quiet" disabled={busy}>
              {t("limits.department.remove")}
            </button>
          </Form>
        ) : null}
      </section>
    </>
  );
}
