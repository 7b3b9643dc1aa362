import { type LineListQuery, type LineSelection, removeSelectionLimits, resolveLineSelection, setSelectionLimit } from "@cabinet/domain";
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
import { limitDoneQuerySchema, limitDoneSearch, selectionLimitFormSchema, selectionQuerySchema } from "~/forms/limit-forms";
import { type LinesFilter, linesFilterSearch } from "~/forms/lines-filter-form";
import { fieldErrorMessage, translator } from "~/i18n/i18n";
import { type LimitAnswer, limitRefusals } from "~/lib/limit-refusals.server";
import { formatCount } from "~/lib/money";
import { useT } from "~/root";
import { requireActor } from "~/server/auth.server";
import { appDeps } from "~/server/context.server";
import { mapDomainErrors, readTrustedForm } from "~/server/http.server";
import { getLocale } from "~/server/locale.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

type Chosen = LinesFilter & { scope: "lines" | "filter"; line: number[] };

function toQuery(filter: LinesFilter): LineListQuery {
  return { q: filter.q, status: filter.status, tariffId: filter.tariff, departmentId: filter.department, sort: filter.sort, direction: filter.dir, page: filter.page };
}

function selectionOf(chosen: Chosen): LineSelection {
  return chosen.scope === "filter" ? { kind: "filter", query: toQuery(chosen) } : { kind: "lines", lineIds: chosen.line };
}

/** The selection as this page's URL carries it: the lines list's filter, the scope and the ticked lines. */
function selectionSearch({ scope, line, ...filter }: Chosen): string {
  const params = new URLSearchParams(linesFilterSearch(filter));
  params.set("scope", scope);
  if (scope === "lines") for (const id of line) params.append("line", String(id));
  return `?${params}`;
}

/**
 * The selection of the lines list (the ticked lines, or all lines matching its filter), resolved
 * against the company's lines as they are now: how many, and how many ticked ids were not its.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context, "cabinet:manage");
  const url = new URL(request.url);
  const locale = await getLocale(request);
  const title = translator(locale)("limits.selection.title");
  const done = limitDoneQuerySchema.parse(Object.fromEntries(url.searchParams));
  const query = parseForm(url.searchParams, selectionQuerySchema);
  if (query.status !== "success") return { title, chosen: null, count: 0, countText: "0", dropped: 0, done, backSearch: "" };
  const chosen = query.value;
  const deps = await appDeps();
  const resolved = await mapDomainErrors(() => resolveLineSelection(deps, actor, selectionOf(chosen)));
  const { scope: _scope, line: _line, ...filter } = chosen;
  return {
    title,
    chosen,
    count: resolved.lineIds.length,
    countText: formatCount(resolved.lineIds.length, locale),
    dropped: resolved.dropped,
    done,
    backSearch: linesFilterSearch(filter),
  };
}

/**
 * Three posts: the lines list's selection bar sends its selection here (no intent: shown on this
 * page, post/redirect/get), then the limit is set on the selected lines, or their own limits
 * removed — one domain call each, resolved against the lines as they are then.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context, "cabinet:manage");
  const form = await readTrustedForm(request);
  const deps = await appDeps();
  const intent = form.get("intent");
  if (intent !== "set" && intent !== "remove") {
    const chosen = parseForm(form, selectionQuerySchema);
    return redirect(`/cabinet/limits/selection${chosen.status === "success" ? selectionSearch(chosen.value) : "?scope=lines"}`);
  }
  if (intent === "remove") {
    const chosen = parseForm(form, selectionQuerySchema);
    if (chosen.status !== "success") return data<LimitAnswer>({ intent, result: chosen.reply() }, { status: 400 });
    const result = await limitRefusals(intent, null, () =>
      redirect(`/cabinet/limits/selection${selectionSearch(chosen.value)}&${limitDoneSearch("linesRemoved", removeSelectionLimits(deps, actor, { selection: selectionOf(chosen.value) })).slice(1)}`),
    );
    return result;
  }
  const submission = parseForm(form, selectionLimitFormSchema);
  if (submission.status !== "success") return data<LimitAnswer>({ intent, result: submission.reply() }, { status: 400 });
  const { amount, policy, warningPercent, notifyEmployee, until, intent: _intent, ...chosen } = submission.value;
  const limit = { amount, policy, warningPercent: warningPercent ?? null, notifyEmployee, until: until ?? null };
  return limitRefusals(intent, submission, () =>
    redirect(`/cabinet/limits/selection${selectionSearch(chosen)}&${limitDoneSearch("lines", setSelectionLimit(deps, actor, { selection: selectionOf(chosen), limit })).slice(1)}`),
  );
}

export default function SelectionLimitPage() {
  const t = useT();
  const { chosen, count, countText, dropped, done, backSearch } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useSchemaForm(selectionLimitFormSchema, {
    id: "selection-limit",
    lastResult: answer?.intent === "set" ? answer.result : null,
    defaultValue: { policy: "notify" },
  });
  const summary = summaryOf(t, form, [
    { field: fields.amount, label: t("limits.field.amount") },
    { field: fields.policy, label: t("limits.field.policy") },
    { field: fields.warningPercent, label: t("limits.field.warning") },
    { field: fields.until, label: t("limits.field.until") },
  ]);
  const hidden: [string, string | number | undefined][] = chosen
    ? [
        ["scope", chosen.scope],
        ["q", chosen.q],
        ["status", chosen.status],
        ["tariff", chosen.tariff],
        ["department", chosen.department],
        ["sort", chosen.sort],
        ["dir", chosen.dir],
        ["page", chosen.page],
        ...(chosen.scope === "lines" ? chosen.line.map((id): [string, number] => ["line", id]) : []),
      ]
    : [];
  // A ticked line's id is its key (each is sent once); the filter's fields are named once each.
  const hiddenInputs = hidden.map(([name, value]) =>
    value === undefined || value === "" ? null : <input key={name === "line" ? `line-${value}` : name} type="hidden" name={name} value={value} />,
  );
  return (
    <>
      <CabinetNav />
      <p className="breadcrumb">
        <Link to={`/cabinet/lines${backSearch}`}>{t("limits.selection.back")}</Link>
      </p>
      <div className="page-head">
        <div>
          <h1>{t("limits.selection.title")}</h1>
          {chosen && count > 0 ? (
            <p className="lead" data-testid="selection-count">
              {t(chosen.scope === "filter" ? "limits.selection.lead.filter" : "limits.selection.lead.lines", { count: countText })}
            </p>
          ) : null}
        </div>
      </div>
      <LimitDoneNotice done={done} />
      {answer?.refusal ? (
        <p className="notice notice-bad" role="alert">
          {fieldErrorMessage(t, answer.refusal)}
        </p>
      ) : null}
      {dropped > 0 ? <p className="notice notice-warn">{t("limits.selection.dropped", { count: dropped })}</p> : null}
      {!chosen || count === 0 ? (
        <p className="notice notice-warn" data-testid="selection-none">
          {t("limits.selection.none")} <Link to={`/cabinet/lines${backSearch}`}>{t("limits.actions.linesLink")}</Link>
        </p>
      ) : (
        <section className="panel narrow" aria-labelledby="selection-limit-title">
          <h2 id="selection-limit-title">{t("limits.line.form.set")}</h2>
          <p className="muted">{t("limits.selection.what")}</p>
          <ErrorSummary title={t("limits.errorSummary", { count: summary.length })} errors={summary} />
          <HiddenFieldsProblem fields={[fields.intent, fields.scope, fields.line]} />
          <Form method="post" className="stack" {...getFormProps(form)}>
            <CsrfField />
            <input type="hidden" name="intent" value="set" />
            {hiddenInputs}
            <LimitFields fields={fields} idPrefix="selection-limit" companyWarningPercent={null} />
            <div className="actions">
              <button type="submit" className="button" disabled={busy}>
                {t("limits.selection.submit", { count: countText })}
              </button>
            </div>
          </Form>
          <Form method="post" className="actions">
            <CsrfField />
            <input type="hidden" name="intent" value="remove" />
            {hiddenInputs}
            <button type="submit" className="button button-quiet" disabled={busy}>
              {t("limits.selection.remove")}
            </button>
          </Form>
        </section>
      )}
    </>
  );
}
