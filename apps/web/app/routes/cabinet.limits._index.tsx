import {
  type DepartmentLimitSummary,
  findRegion,
  getLimitsOverview,
  listLimitLines,
  removeCompanyDefaultLimit,
  setCompanyDefaultLimit,
  setCompanyWarningPercent,
  can,
} from "@cabinet/domain";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { CabinetNav } from "~/components/cabinet/cabinet-nav";
import { CompanyDefaultPanel } from "~/components/limits/company-default-panel";
import { type DepartmentLimitView, DepartmentLimitsTable } from "~/components/limits/department-limits-table";
import { LimitCards } from "~/components/limits/limit-cards";
import { LimitDoneNotice } from "~/components/limits/limit-done-notice";
import { LimitLinesList } from "~/components/limits/limit-lines-list";
import { parseForm } from "~/forms/form-schema";
import {
  companyDefaultFormSchema,
  companyDefaultRemoveSchema,
  companyWarningFormSchema,
  limitDoneQuerySchema,
  limitDoneSearch,
  limitIntentSchema,
  limitListQuerySchema,
} from "~/forms/limit-forms";
import { translator } from "~/i18n/i18n";
import { limitRowView, limitValueView } from "~/lib/limit-view.server";
import { formatCount, formatRoubles } from "~/lib/money";
import { useT } from "~/root";
import { requireActor } from "~/server/auth.server";
import { appDeps } from "~/server/context.server";
import { limitRefusals } from "~/lib/limit-refusals.server";
import { mapDomainErrors, notFound, readTrustedForm } from "~/server/http.server";
import { getLocale } from "~/server/locale.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

/** "ноябрь 2026" / "November 2026" of a yyyymm billing month. */
function monthName(billingMonth: number, locale: string): string {
  const at = Date.UTC(Math.floor(billingMonth / 100), (billingMonth % 100) - 1, 1);
  return new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "ru-RU", { month: "long", year: "numeric", timeZone: "UTC" }).format(at).replace(/\s*г\.$/, "");
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context, "cabinet:view");
  const url = new URL(request.url);
  const query = limitListQuerySchema.parse(Object.fromEntries(url.searchParams));
  const deps = await appDeps();
  const { overview, list } = await mapDomainErrors(() => ({
    overview: getLimitsOverview(deps, actor),
    list: listLimitLines(deps, actor, { show: query.show, page: query.page }),
  }));
  const locale = await getLocale(request);
  const timeZone = findRegion(deps, actor.regionCode)?.timeZone ?? overview.timeZone;
  const count = (n: number) => formatCount(n, locale);
  const department = (d: DepartmentLimitSummary): DepartmentLimitView => ({
    departmentId: d.departmentId,
    name: d.name,
    limit: d.limit ? limitValueView(d.limit, locale) : null,
    lines: count(d.lines),
    linesWithLimit: count(d.linesWithLimit),
    limitsSum: formatRoubles(d.limitsSum, locale),
    spent: formatRoubles(d.spent, locale),
    employeePaid: formatRoubles(d.employeePaid, locale),
    hasEmployeePaid: d.employeePaid > 0,
  });
  return {
    title: translator(locale)("limits.title"),
    month: monthName(overview.billingMonth, locale),
    canManage: can(actor, "cabinet:manage"),
    counts: {
      lines: count(overview.counts.lines),
      near: count(overview.counts.near),
      reached: count(overview.counts.reached),
      blocked: count(overview.counts.blockedByLimit),
      without: count(overview.counts.withoutLimit),
    },
    companyDefault: overview.companyDefault ? limitValueView(overview.companyDefault, locale) : null,
    warningPercent: overview.warningPercent,
    departments: overview.departments.map(department),
    list: {
      show: query.show,
      rows: list.rows.map((row) => limitRowView(row, locale, timeZone)),
      total: list.total,
      totalText: count(list.total),
      page: list.page,
      pageCount: Math.max(1, Math.ceil(list.total / list.pageSize)),
    },
    done: limitDoneQuerySchema.parse(Object.fromEntries(url.searchParams)),
  };
}

/**
 * The company's own settings: the default limit (set or removed) and the warning percent. Each
 * form is one domain call; a refusal the domain gives a field answers 400 with it.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context, "cabinet:manage");
  const form = await readTrustedForm(request);
  const deps = await appDeps();
  const chosen = parseForm(form, limitIntentSchema);
  const intent = chosen.status === "success" ? chosen.value.intent : null;
  const back = (search: string) => redirect(`/cabinet/limits${search}#company-default`);

  if (intent === "default") {
    const submission = parseForm(form, companyDefaultFormSchema);
    if (submission.status !== "success") return data({ intent, result: submission.reply() }, { status: 400 });
    const { amount, policy, notifyEmployee } = submission.value;
    return limitRefusals(intent, submission, () => {
      // The company row holds the default limit and the company's warning percent together, and the
      // setter writes the row whole: the percent set with its own form is carried over, not reset.
      const warningPercent = getLimitsOverview(deps, actor).companyDefault?.warningPercent ?? null;
      return back(limitDoneSearch("default", setCompanyDefaultLimit(deps, actor, { limit: { amount, policy, notifyEmployee, warningPercent } })));
    });
  }
  if (intent === "removeDefault") {
    const submission = parseForm(form, companyDefaultRemoveSchema);
    if (submission.status !== "success") return data({ intent, result: submission.reply() }, { status: 400 });
    return limitRefusals(intent, submission, () => back(limitDoneSearch("defaultRemoved", removeCompanyDefaultLimit(deps, actor))));
  }
  if (intent === "warning") {
    const submission = parseForm(form, companyWarningFormSchema);
    if (submission.status !== "success") return data({ intent, result: submission.reply() }, { status: 400 });
    const { warningPercent } = submission.value;
    return limitRefusals(intent, submission, () => back(limitDoneSearch("warning", setCompanyWarningPercent(deps, actor, { warningPercent }))));
  }
  return notFound();
}

export default function LimitsPage() {
  const t = useT();
  const { month, canManage, counts, companyDefault, warningPercent, departments, list, done } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const resultOf = (intent: string) => (answer && answer.intent === intent ? (answer.result ?? null) : null);
  return (
    <>
      <CabinetNav />
      <div className="page-head">
        <div>
          <h1>{t("limits.title")}</h1>
          <p className="lead">{t("limits.lead")}</p>
          <p className="muted">{t("limits.month", { month })}</p>
        </div>
      </div>
      <LimitDoneNotice done={done} />
      <LimitCards counts={counts} />
      <LimitLinesList list={list} />
      <section className="panel" aria-labelledby="department-limits-title">
        <h2 id="department-limits-title">{t("limits.departments.title")}</h2>
        <p className="muted">{t("limits.departments.lead")}</p>
        <DepartmentLimitsTable departments={departments} />
      </section>
      {canManage ? (
        <CompanyDefaultPanel companyDefault={companyDefault} warningPercent={warningPercent} defaultResult={resultOf("default")} warningResult={resultOf("warning")} />
      ) : null}
      <section className="panel" aria-labelledby="limit-actions-title">
        <h2 id="limit-actions-title">{t("limits.actions")}</h2>
        <p>{t("limits.actions.lines")}</p>
        <ul className="plain-list stack-list">
          <li>
            <Link to="/cabinet/lines">{t("limits.actions.linesLink")}</Link>
          </li>
          <li>
            <Link to="/cabinet/limits/file">{t("limits.actions.file")}</Link>
          </li>
          <li>
            <a href="/cabinet/limits.csv" download>
              {t("limits.actions.download")}
            </a>
          </li>
        </ul>
      </section>
    </>
  );
}
