import {
  blockLine,
  can,
  changeLineTariff,
  DomainError,
  findRegion,
  formatMsisdn,
  formatRegionDateTime,
  getLineDetails,
  getLineLimit,
  getLineSavings,
  listDepartments,
  listLineHistory,
  listLineServices,
  listOfferedTariffs,
  removeLineLimit,
  setLineLimit,
  StaleLineError,
  switchServiceOff,
  switchServiceOn,
  unblockLine,
  updateLineEmployee,
} from "@cabinet/domain";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Link, type ShouldRevalidateFunction, useActionData, useLoaderData } from "@remix-run/react";
import { LineTariffPanel } from "~/components/bulk/line-tariff-panel";
import { CabinetNav } from "~/components/cabinet/cabinet-nav";
import { BlockPanel } from "~/components/line/block-panel";
import { EmployeeForm } from "~/components/line/employee-form";
import { LineHistory } from "~/components/line/line-history";
import { LineNotices } from "~/components/line/line-notices";
import { LineSavingsNote } from "~/components/savings/line-savings-note";
import { LineSummary } from "~/components/line/line-summary";
import { type LineLimitDone, LineLimitPanel, lineLimitDoneNotices } from "~/components/limits/line-limit-panel";
import { type LineAnswer, type LineDone, lineDoneNotices } from "~/components/line/line-view";
import { MonthUsage } from "~/components/line/month-usage";
import { ServicesPanel } from "~/components/line/services-panel";
import { lineTariffFormSchema } from "~/forms/bulk-forms";
import { parseForm } from "~/forms/form-schema";
import {
  blockFormSchema,
  employeeFormSchema,
  lineHistoryQuerySchema,
  lineIntentSchema,
  serviceSwitchFormSchema,
  unblockFormSchema,
} from "~/forms/line-forms";
import { lineLimitFormSchema, lineLimitRemoveSchema } from "~/forms/limit-forms";
import { translator } from "~/i18n/i18n";
import { adviceMonthsLabel } from "~/lib/advice-months";
import { lineLimitPanelView } from "~/lib/limit-view.server";
import { formatRoubles } from "~/lib/money";
import { useT } from "~/root";
import { requireActor } from "~/server/auth.server";
import { appDeps } from "~/server/context.server";
import { mapDomainErrors, notFound, readTrustedForm } from "~/server/http.server";
import { getLocale } from "~/server/locale.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

/** The numeric id in /cabinet/lines/$lineId; anything else is a 404. */
function lineIdParam(value: string | undefined): number {
  if (!value || !/^[1-9]\d{0,14}$/.test(value)) notFound();
  return Number(value);
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context, "cabinet:view");
  const lineId = lineIdParam(params.lineId);
  const deps = await appDeps();
  const url = new URL(request.url);
  const query = parseForm(url.searchParams, lineHistoryQuerySchema);
  const historyPage = query.status === "success" ? query.value.history : 1;
  const { line, services, departments, history, limit, tariffs, savings } = await mapDomainErrors(() => ({
    savings: getLineSavings(deps, actor, { lineId }),
    tariffs: can(actor, "cabinet:manage") ? listOfferedTariffs(deps, actor) : [],
    line: getLineDetails(deps, actor, lineId),
    limit: getLineLimit(deps, actor, lineId),
    services: listLineServices(deps, actor, lineId),
    departments: listDepartments(deps, actor),
    history: listLineHistory(deps, actor, { lineId, page: historyPage }),
  }));
  const locale = await getLocale(request);
  const en = locale === "en";
  const timeZone = findRegion(deps, actor.regionCode)?.timeZone ?? "UTC";
  const done = url.searchParams.get("done");
  const msisdn = formatMsisdn(line.msisdn);
  return {
    title: translator(locale)("line.title", { msisdn }),
    line: {
      id: line.id,
      msisdn,
      version: line.version,
      employeeName: line.employeeName,
      department: line.department,
      tariff: line.tariff ? { name: en ? line.tariff.nameEn : line.tariff.nameRu, monthlyFee: line.tariff.monthlyFee } : null,
      status: line.status,
      blocks: line.blocks,
    },
    month: {
      ...line.month,
      billingMonth: monthName(line.month.billingMonth, locale),
      ratedThrough: line.month.ratedThrough ? formatRegionDateTime(new Date(line.month.ratedThrough), timeZone) : null,
    },
    services: services.map((s) => ({
      id: s.id,
      name: en ? s.nameEn : s.nameRu,
      description: en ? s.descriptionEn : s.descriptionRu,
      monthlyFee: s.monthlyFee,
      on: s.on,
    })),
    departments: departments.map((d) => ({ id: d.id, name: d.name })),
    history: {
      page: history.page,
      hasMore: history.hasMore,
      events: history.events.map((e) => ({
        id: e.id,
        at: formatRegionDateTime(e.at, timeZone),
        actorLabel: e.actorLabel,
        action: e.action,
        before: e.before,
        after: e.after,
      })),
      departmentNames: history.departmentNames,
      serviceNames: Object.fromEntries(Object.entries(history.serviceNames).map(([code, names]) => [code, en ? names.en : names.ru])),
    },
    limit: lineLimitPanelView(limit, locale, null),
    limitDone: lineLimitDoneNotices.includes(url.searchParams.get("limit") as LineLimitDone) ? (url.searchParams.get("limit") as LineLimitDone) : null,
    tariffChoice: {
      currentId: line.tariff?.id ?? null,
      options: tariffs.map((t) => ({ id: t.id, name: en ? t.nameEn : t.nameRu, fee: formatRoubles(t.monthlyFee, locale) })),
    },
    // Issue 10's savings advice: the cheapest tariff this line may use, if another one.
    savings: savings.advice
      ? {
          tariff: en ? savings.advice.recommendedTariff.nameEn : savings.advice.recommendedTariff.nameRu,
          recommendedMonthly: savings.advice.recommendedMonthly,
          actualMonthly: savings.advice.actualMonthly,
          monthlySaving: savings.advice.monthlySaving,
          months: adviceMonthsLabel(savings.months, locale),
        }
      : null,
    confirmLoss: url.searchParams.get("confirm") === "loss",
    done: lineDoneNotices.includes(done as LineDone) ? (done as LineDone) : null,
  };
}

/** A billing month (yyyymm) as the reader says it: "ноябрь 2026". */
function monthName(month: number, locale: string): string {
  const first = Date.UTC(Math.floor(month / 100), (month % 100) - 1, 1);
  return new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "ru-RU", { month: "long", year: "numeric", timeZone: "UTC" })
    .format(first)
    .replace(/\s*г\.$/, "");
}

/**
 * Four kinds of form (a service switched, a block, an unblock, the employee); `intent` says which.
 * Each is one domain call; a save from an outdated version answers 409 and the page shows the
 * line as it is now.
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context, "cabinet:view");
  const form = await readTrustedForm(request);
  const lineId = lineIdParam(params.lineId);
  const deps = await appDeps();
  // Whatever was sent, another company's line (or none) is a 404 before anything else.
  await mapDomainErrors(() => getLineDetails(deps, actor, lineId));
  const chosen = parseForm(form, lineIntentSchema);
  const intent = chosen.status === "success" ? chosen.value.intent : null;
  const back = (done: LineDone) => redirect(`/cabinet/lines/${lineId}?done=${done}`);

  if (intent === "service") {
    const submission = parseForm(form, serviceSwitchFormSchema);
    if (submission.status !== "success") return answer({ intent, result: submission.reply() }, 400);
    const { serviceId, switchTo, version } = submission.value;
    const input = { lineId, serviceId, expectedVersion: version };
    return attempt(intent, () => {
      const switched = switchTo === "on" ? switchServiceOn(deps, actor, input) : switchServiceOff(deps, actor, input);
      return back(!switched.changed ? "unchanged" : switchTo === "on" ? "serviceOn" : "serviceOff");
    });
  }

  if (intent === "block") {
    const submission = parseForm(form, blockFormSchema);
    if (submission.status !== "success") return answer({ intent, result: submission.reply() }, 400);
    const { reason, version } = submission.value;
    return attempt(intent, () => {
      const blocked = blockLine(deps, actor, { lineId, reason, expectedVersion: version });
      return back(blocked.changed ? (reason === "loss" ? "blockedLoss" : "blockedVoluntary") : "unchanged");
    });
  }

  if (intent === "unblock") {
    const submission = parseForm(form, unblockFormSchema);
    if (submission.status !== "success") return answer({ intent, result: submission.reply() }, 400);
    const { reason, version } = submission.value;
    return attempt(intent, () => back(unblockLine(deps, actor, { lineId, reason, expectedVersion: version }).changed ? "unblocked" : "unchanged"));
  }

  if (intent === "employee") {
    const submission = parseForm(form, employeeFormSchema);
    if (submission.status !== "success") return answer({ intent, result: submission.reply() }, 400);
    const { version, employeeName, departmentId, newDepartmentName } = submission.value;
    return attempt(intent, () => {
      updateLineEmployee(deps, actor, {
        lineId,
        expectedVersion: version,
        employeeName: employeeName ?? "",
        departmentId: departmentId ?? null,
        newDepartmentName,
      });
      return back("employee");
    }, (fieldErrors) =>
      submission.reply({
        fieldErrors: Object.fromEntries(
          Object.entries(fieldErrors).map(([field, error]) => [field === "name" ? "newDepartmentName" : field, error]),
        ),
      }),
    );
  }

  // The spending limit (issue 9): the line's own limit set or removed, one domain call each.
  if (intent === "limit" || intent === "removeLimit") {
    if (!can(actor, "cabinet:manage")) notFound();
    const limitDone = (result: { blocked: number; unblocked: number }, saved: LineLimitDone) =>
      redirect(`/cabinet/lines/${lineId}?limit=${result.blocked > 0 ? "blocked" : result.unblocked > 0 ? "unblocked" : saved}#limit`);
    if (intent === "removeLimit") {
      const submission = parseForm(form, lineLimitRemoveSchema);
      if (submission.status !== "success") return answer({ intent, result: submission.reply() }, 400);
      return attempt(intent, () => limitDone(removeLineLimit(deps, actor, { lineId }), "removed"));
    }
    const submission = parseForm(form, lineLimitFormSchema);
    if (submission.status !== "success") return answer({ intent, result: submission.reply() }, 400);
    const { amount, policy, warningPercent, notifyEmployee, until } = submission.value;
    return attempt(
      intent,
      () => limitDone(setLineLimit(deps, actor, { lineId, limit: { amount, policy, warningPercent: warningPercent ?? null, notifyEmployee, until: until ?? null } }), "saved"),
      (fieldErrors) => submission.reply({ fieldErrors }),
    );
  }

  // The tariff (issue 10): planned and written by the same code as a bulk change, for this one line.
  if (intent === "tariff") {
    if (!can(actor, "cabinet:manage")) notFound();
    const submission = parseForm(form, lineTariffFormSchema);
    if (submission.status !== "success") return answer({ intent, result: submission.reply() }, 400);
    const { tariffId, version } = submission.value;
    return attempt(
      intent,
      () => {
        changeLineTariff(deps, actor, { lineId, tariffId, expectedVersion: version });
        return back("tariff");
      },
      (fieldErrors) => submission.reply({ fieldErrors }),
    );
  }

  return answer({ intent: null, unknownAction: true }, 400);
}

function answer(body: LineAnswer, status: number) {
  return data(body, { status });
}

/**
 * Runs the one domain call of a form. "Changed meanwhile" → 409 with the page reloaded as it is
 * now; a refusal with a reason (a service the tariff does not allow, a name too long) → 400 with
 * that reason; anything else a domain error says → its status, once, in mapDomainErrors.
 */
async function attempt(
  intent: LineAnswer["intent"],
  work: () => Response,
  fieldReply?: (fieldErrors: NonNullable<DomainError["fieldErrors"]>) => LineAnswer["result"],
) {
  return mapDomainErrors(() => {
    try {
      return work();
    } catch (error) {
      if (error instanceof StaleLineError) return answer({ intent, stale: true }, 409);
      if (error instanceof DomainError && error.code === "invalid" && error.fieldErrors) {
        const fieldErrors = error.fieldErrors;
        if (fieldReply) return answer({ intent, result: fieldReply(fieldErrors) }, 400);
        const first = Object.values(fieldErrors)[0];
        return answer({ intent, refused: first?.code ?? "invalid" }, 400);
      }
      throw error;
    }
  });
}

// After "changed meanwhile" (409) the page must show the line as it is now.
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionStatus, defaultShouldRevalidate }) =>
  actionStatus === 409 ? true : defaultShouldRevalidate;

export default function LinePage() {
  const t = useT();
  const { line, month, services, departments, history, confirmLoss, done, limit, limitDone, tariffChoice, savings } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as LineAnswer | undefined;
  const resultOf = (intent: LineAnswer["intent"]) => (reply && reply.intent === intent ? reply.result ?? null : null);
  return (
    <>
      <CabinetNav />
      <p className="breadcrumb">
        <Link to="/cabinet/lines">← {t("line.back")}</Link>
      </p>
      <div className="page-head">
        <div>
          <h1>
            {t("line.heading")} <span className="nowrap">{line.msisdn}</span>
          </h1>
          <p className="lead">{line.employeeName ?? t("line.noEmployee")}</p>
        </div>
        <span className={`badge badge-large ${line.status === "active" ? "badge-ok" : "badge-bad"}`}>{t(`cabinet.line.${line.status}`)}</span>
      </div>
      <LineNotices done={done} reply={reply} />
      <div className="review-grid">
        <div>
          <LineSummary line={line} />
          <MonthUsage month={month} />
          <LineSavingsNote savings={savings} />
        </div>
        <div>
          <BlockPanel line={line} confirmLoss={confirmLoss || (reply?.intent === "block" && !!reply.result)} lastResult={resultOf("block")} />
          <EmployeeForm key={line.version} line={line} departments={departments} lastResult={resultOf("employee")} />
        </div>
      </div>
      <LineLimitPanel
        view={limit}
        done={limitDone}
        lastResult={reply?.intent === "limit" ? (reply.result ?? null) : null}
        refused={reply?.intent === "limit" || reply?.intent === "removeLimit" ? (reply.refused ?? null) : null}
      />
      {tariffChoice.options.length > 0 ? (
        <LineTariffPanel key={line.version} version={line.version} choice={tariffChoice} lastResult={reply?.intent === "tariff" ? (reply.result ?? null) : null} />
      ) : null}
      <ServicesPanel line={line} services={services} refused={reply?.intent === "service" ? (reply.refused ?? null) : null} />
      <LineHistory lineId={line.id} history={history} />
    </>
  );
}
