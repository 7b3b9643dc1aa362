import { applyLimitFile, formatMsisdn, getLimitFileImport, LIMIT_FILE_MAX_BYTES, previewLimitFile } from "@cabinet/domain";
import { getFormProps } from "@conform-to/react";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { CabinetNav } from "~/components/cabinet/cabinet-nav";
import { CsrfField } from "~/components/csrf-field";
import { LimitFilePreviewView } from "~/components/limits/limit-file-preview";
import { InputField } from "~/components/schema-fields";
import { useSchemaForm } from "~/components/schema-form";
import { parseForm } from "~/forms/form-schema";
import { limitFileApplySchema, limitFilePreviewQuerySchema, limitFileUploadSchema, limitIntentSchema } from "~/forms/limit-forms";
import { fieldErrorMessage, translator } from "~/i18n/i18n";
import { type LimitAnswer, limitRefusals } from "~/lib/limit-refusals.server";
import { formatRoubles } from "~/lib/money";
import { useT } from "~/root";
import { requireActor } from "~/server/auth.server";
import { appDeps } from "~/server/context.server";
import { mapDomainErrors, notFound, readTrustedForm } from "~/server/http.server";
import { getLocale } from "~/server/locale.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

/** How many changes and refusals the preview lists; the counts always cover the whole file. */
const SHOWN_CHANGES = 200;
const SHOWN_REFUSALS = 500;
/** The multipart envelope around the file: boundaries, the other fields. */
const UPLOAD_OVERHEAD_BYTES = 64 * 1024;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context, "cabinet:manage");
  const locale = await getLocale(request);
  const url = new URL(request.url);
  const { preview: token } = limitFilePreviewQuerySchema.parse(Object.fromEntries(url.searchParams));
  const deps = await appDeps();
  const found = token ? await mapDomainErrors(() => getLimitFileImport(deps, actor, token)) : null;
  const value = (v: { amount: number; policy: "notify" | "block" | "split" } | null) => (v ? { amount: formatRoubles(v.amount, locale), policy: v.policy } : null);
  return {
    title: translator(locale)("limits.file.title"),
    stored: found
      ? {
          token: found.token,
          applied: found.appliedAt != null,
          preview: {
            fileName: found.preview.fileName,
            encoding: found.preview.encoding,
            delimiter: found.preview.delimiter,
            rowCount: found.preview.rowCount,
            unchangedCount: found.preview.unchangedCount,
            changes: found.preview.changes.slice(0, SHOWN_CHANGES).map((c) => ({ row: c.row, msisdn: formatMsisdn(c.msisdn), before: value(c.before), after: value(c.after) })),
            changeCount: found.preview.changes.length,
            refused: found.preview.refused.slice(0, SHOWN_REFUSALS),
            refusedCount: found.preview.refused.length,
          },
          result: appliedResult(url.searchParams),
        }
      : null,
  };
}

/** What the apply did, carried by its redirect (`?preview=…&blocked=1&unblocked=0`). */
function appliedResult(params: URLSearchParams) {
  const count = (name: string) => {
    const value = Number(params.get(name));
    return Number.isSafeInteger(value) && value >= 0 ? value : 0;
  };
  return { blocked: count("blocked"), unblocked: count("unblocked") };
}

/**
 * Two forms: the upload (a multipart POST of the file, capped) makes a stored preview and shows it;
 * the apply writes that preview through the limits' setter. Both redirect, so a reload sends nothing twice.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context, "cabinet:manage");
  const form = await readTrustedForm(request, { maxBytes: LIMIT_FILE_MAX_BYTES + UPLOAD_OVERHEAD_BYTES });
  const deps = await appDeps();
  const chosen = parseForm(form, limitIntentSchema);
  const intent = chosen.status === "success" ? chosen.value.intent : null;
  if (intent === "upload") {
    const submission = parseForm(form, limitFileUploadSchema);
    if (submission.status !== "success") return data<LimitAnswer>({ intent, result: submission.reply() }, { status: 400 });
    const { file } = submission.value;
    const bytes = new Uint8Array(await file.arrayBuffer());
    return limitRefusals(intent, null, () => redirect(`/cabinet/limits/file?preview=${previewLimitFile(deps, actor, { fileName: file.name || "limits.csv", bytes }).token}`));
  }
  if (intent === "apply") {
    const submission = parseForm(form, limitFileApplySchema);
    if (submission.status !== "success") return data<LimitAnswer>({ intent, result: submission.reply() }, { status: 400 });
    const { token } = submission.value;
    return limitRefusals(intent, null, () => {
      const result = applyLimitFile(deps, actor, { token });
      return redirect(`/cabinet/limits/file?preview=${token}&blocked=${result.blocked}&unblocked=${result.unblocked}`);
    });
  }
  return notFound();
}

export default function LimitFilePage() {
  const t = useT();
  const { stored } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const [uploadForm, uploadFields] = useSchemaForm(limitFileUploadSchema, { id: "limit-upload", lastResult: answer?.intent === "upload" ? answer.result : undefined });
  return (
    <>
      <CabinetNav />
      <p className="breadcrumb">
        <Link to="/cabinet/limits">{t("limits.department.back")}</Link>
      </p>
      <div className="page-head">
        <div>
          <h1>{t("limits.file.title")}</h1>
          <p className="lead">{t("limits.file.lead")}</p>
        </div>
      </div>
      {answer?.refusal ? (
        <p className="notice notice-bad" role="alert">
          {fieldErrorMessage(t, answer.refusal)}
        </p>
      ) : null}
      {stored ? (
        <LimitFilePreviewView token={stored.token} applied={stored.applied} preview={stored.preview} result={stored.result} busy={busy} />
      ) : (
        <div className="grid-2">
          <section className="panel" aria-labelledby="limits-export">
            <h2 id="limits-export">{t("limits.file.export.title")}</h2>
            <p>{t("limits.file.export.text")}</p>
            <a href="/cabinet/limits.csv" className="button" download>
              {t("limits.file.export.button")}
            </a>
          </section>
          <section className="panel" aria-labelledby="limits-import">
            <h2 id="limits-import">{t("limits.file.import.title")}</h2>
            <p>{t("limits.file.import.text")}</p>
            <Form method="post" encType="multipart/form-data" className="stack" {...getFormProps(uploadForm)}>
              <CsrfField />
              <input type="hidden" name="intent" value="upload" />
              <InputField field={uploadFields.file} label={t("limits.file.field")} type="file" accept=".csv,text/csv" />
              <button type="submit" className="button" disabled={busy}>
                {t("limits.file.upload")}
              </button>
            </Form>
          </section>
        </div>
      )}
    </>
  );
}
