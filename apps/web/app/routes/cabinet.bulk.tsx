import { type BulkChangeInput, type BulkLineSource, bulkChangeChoices, DomainError, type LineSelection, NUMBER_FILE_MAX_BYTES, previewBulkChange } from "@cabinet/domain";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { BulkStartForm } from "~/components/bulk/bulk-start-form";
import { CabinetNav } from "~/components/cabinet/cabinet-nav";
import { type BulkPreviewForm, bulkPreviewFormSchema, bulkStartQuerySchema, switchedServices } from "~/forms/bulk-forms";
import { type FieldError, parseForm } from "~/forms/form-schema";
import { translator } from "~/i18n/i18n";
import { formatCount, formatRoubles } from "~/lib/money";
import { useT } from "~/root";
import { requireActor } from "~/server/auth.server";
import { appDeps } from "~/server/context.server";
import { mapDomainErrors, readTrustedForm } from "~/server/http.server";
import { getLocale } from "~/server/locale.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

/** The multipart envelope around an uploaded list: boundaries and the other fields. */
const UPLOAD_OVERHEAD_BYTES = 512 * 1024;

/** The lines list's selection, as its redirect writes it into this page's URL. */
function selectionOf(url: URL): LineSelection | undefined {
  const query = bulkStartQuerySchema.parse({ ...Object.fromEntries(url.searchParams), line: url.searchParams.getAll("line") });
  if (query.scope === "lines" && query.line.length > 0) return { kind: "lines", lineIds: query.line };
  if (query.scope === "filter") return { kind: "filter", query: { q: query.q, status: query.status, tariffId: query.tariff, departmentId: query.department } };
  return undefined;
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context, "cabinet:manage");
  const url = new URL(request.url);
  const selection = selectionOf(url);
  const deps = await appDeps();
  const choices = await mapDomainErrors(() => bulkChangeChoices(deps, actor, selection));
  const locale = await getLocale(request);
  const en = locale === "en";
  const name = (item: { nameRu: string; nameEn: string }) => (en ? item.nameEn : item.nameRu);
  return {
    title: translator(locale)("bulk.title"),
    selection: selection && choices.selected ? { kind: selection.kind, count: formatCount(choices.selected.count, locale), search: url.search } : null,
    tariffs: choices.tariffs.map((t) => ({ id: t.id, name: name(t), fee: formatRoubles(t.monthlyFee, locale) })),
    services: choices.services.map((s) => ({ id: s.id, name: name(s), fee: formatRoubles(s.monthlyFee, locale) })),
    departments: choices.departments,
  };
}

/** The form's line fields as the domain's source. */
async function sourceOf(form: BulkPreviewForm): Promise<BulkLineSource> {
  switch (form.source) {
    case "lines":
      return { kind: "lines", lineIds: form.lineId };
    case "filter":
      return { kind: "filter", query: { q: form.q, status: form.status, tariffId: form.tariff, departmentId: form.department } };
    case "department":
      return { kind: "department", departmentId: form.departmentId as number };
    case "numbers":
      return { kind: "numbers", text: form.numbers ?? "" };
    case "file": {
      const file = form.file as File;
      return { kind: "file", fileName: file.name || "numbers.csv", bytes: new Uint8Array(await file.arrayBuffer()) };
    }
  }
}

/** The domain names the target's services `services`; the form's field is `service`. */
const formField = (field: string) => (field === "services" ? "service" : field === "bulkChange" ? "tariffId" : field);

/**
 * The first step: a stored preview of which lines would change and how, then its page
 * (post/redirect/get). Also the entry other pages post chosen lines to (`source=lines`, `lineId`…,
 * `tariffId`): see /work/notes/bulk-api.md.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context, "cabinet:manage");
  const form = await readTrustedForm(request, { maxBytes: NUMBER_FILE_MAX_BYTES + UPLOAD_OVERHEAD_BYTES });
  const submission = parseForm(form, bulkPreviewFormSchema);
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const input: BulkChangeInput = {
    source: await sourceOf(submission.value),
    tariffId: submission.value.tariffId ?? null,
    ...switchedServices(submission.value.service),
  };
  const deps = await appDeps();
  return mapDomainErrors(() => {
    try {
      const { bulkChangeId } = previewBulkChange(deps, actor, input);
      return redirect(`/cabinet/bulk/${bulkChangeId}`);
    } catch (error) {
      if (error instanceof DomainError && error.code === "invalid" && error.fieldErrors) {
        const fieldErrors: Record<string, FieldError> = Object.fromEntries(Object.entries(error.fieldErrors).map(([field, e]) => [formField(field), e]));
        return data({ result: submission.reply({ fieldErrors }) }, { status: 400 });
      }
      throw error;
    }
  });
}

export default function BulkStartPage() {
  const t = useT();
  const { selection, tariffs, services, departments } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  return (
    <>
      <CabinetNav />
      <div className="page-head">
        <div>
          <h1>{t("bulk.title")}</h1>
          <p className="lead">{t("bulk.lead")}</p>
        </div>
        <Link to="/cabinet/bulk/jobs" className="button button-quiet">
          {t("bulk.jobs.link")}
        </Link>
      </div>
      <BulkStartForm selection={selection} tariffs={tariffs} services={services} departments={departments} lastResult={answer?.result ?? null} />
    </>
  );
}
