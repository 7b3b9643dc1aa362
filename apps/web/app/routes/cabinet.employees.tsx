import { applyEmployeeImport, DomainError, EMPLOYEE_FILE_MAX_BYTES, formatMsisdn, getEmployeeImport, previewEmployeeFile } from "@cabinet/domain";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { getFormProps } from "@conform-to/react";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { CabinetNav } from "~/components/cabinet/cabinet-nav";
import { EmployeePreview } from "~/components/cabinet-home/employee-preview";
import { CsrfField } from "~/components/csrf-field";
import { InputField } from "~/components/schema-fields";
import { useSchemaForm } from "~/components/schema-form";
import { employeeApplySchema, employeeIntentSchema, employeePreviewQuerySchema, employeeUploadSchema } from "~/forms/employees-forms";
import { parseForm } from "~/forms/form-schema";
import { fieldErrorMessage, translator } from "~/i18n/i18n";
import { useT } from "~/root";
import { requireActor } from "~/server/auth.server";
import { appDeps } from "~/server/context.server";
import { mapDomainErrors, readTrustedForm } from "~/server/http.server";
import { getLocale } from "~/server/locale.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

/** How many changes and refusals the preview page lists; the counts always cover the whole file. */
const SHOWN_CHANGES = 200;
const SHOWN_REFUSALS = 500;
/** The multipart envelope around the file: boundaries, the other fields. */
const UPLOAD_OVERHEAD_BYTES = 64 * 1024;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context, "cabinet:view");
  const locale = await getLocale(request);
  const { preview: token } = employeePreviewQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const deps = await appDeps();
  const found = token ? await mapDomainErrors(() => getEmployeeImport(deps, actor, token)) : null;
  const format = <Change extends { msisdn: string }>(c: Change): Change => ({ ...c, msisdn: formatMsisdn(c.msisdn) });
  return {
    title: translator(locale)("employees.title"),
    stored: found
      ? {
          token: found.token,
          applied: found.appliedAt != null,
          preview: {
            ...found.preview,
            changes: found.preview.changes.slice(0, SHOWN_CHANGES).map(format),
            changeCount: found.preview.changes.length,
            refused: found.preview.refused.slice(0, SHOWN_REFUSALS),
            refusedCount: found.preview.refused.length,
          },
        }
      : null,
  };
}

/**
 * Two forms: the upload (a multipart POST of the file, capped) makes a stored preview and shows it;
 * the apply writes that preview. Both redirect, so a reload sends nothing twice.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context, "cabinet:view");
  const form = await readTrustedForm(request, { maxBytes: EMPLOYEE_FILE_MAX_BYTES + UPLOAD_OVERHEAD_BYTES });
  const deps = await appDeps();
  const chosen = parseForm(form, employeeIntentSchema);
  const intent = chosen.status === "success" ? chosen.value.intent : null;

  if (intent === "upload") {
    const submission = parseForm(form, employeeUploadSchema);
    if (submission.status !== "success") return data({ intent, result: submission.reply() }, { status: 400 });
    const { file } = submission.value;
    const bytes = new Uint8Array(await file.arrayBuffer());
    return refusals(intent, () => redirect(`/cabinet/employees?preview=${previewEmployeeFile(deps, actor, { fileName: file.name || "file.csv", bytes }).token}`));
  }
  if (intent === "apply") {
    const submission = parseForm(form, employeeApplySchema);
    if (submission.status !== "success") return data({ intent, result: submission.reply() }, { status: 400 });
    const { token } = submission.value;
    return refusals(intent, () => {
      applyEmployeeImport(deps, actor, { token });
      return redirect(`/cabinet/employees?preview=${token}`);
    });
  }
  return data({ intent: null, result: null }, { status: 400 });
}

/** The domain's refusal of a file or an apply as the form's message (400 or 409); the rest maps once. */
function refusals(intent: "upload" | "apply", work: () => Response) {
  return mapDomainErrors(() => {
    try {
      return work();
    } catch (error) {
      if (error instanceof DomainError && (error.code === "invalid" || error.code === "conflict") && error.fieldErrors) {
        const [refusal] = Object.values(error.fieldErrors);
        return data({ intent, result: null, refusal: refusal ?? null }, { status: error.code === "conflict" ? 409 : 400 });
      }
      throw error;
    }
  });
}

export default function EmployeesPage() {
  const t = useT();
  const { stored } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>() as { intent: string | null; result?: never; refusal?: { code: string; params?: Record<string, string> } | null } | undefined;
  const busy = useNavigation().state === "submitting";
  const [uploadForm, uploadFields] = useSchemaForm(employeeUploadSchema, { id: "employee-upload", lastResult: answer?.intent === "upload" ? answer.result : undefined });
  const refusal = answer?.refusal ? fieldErrorMessage(t, answer.refusal) : null;
  return (
    <>
      <CabinetNav />
      <div className="page-head">
        <div>
          <h1>{t("employees.title")}</h1>
          <p className="lead">{t("employees.lead")}</p>
        </div>
      </div>
      {refusal ? (
        <p className="notice notice-bad" role="alert">
          {refusal}
        </p>
      ) : null}
      {stored ? (
        <EmployeePreview token={stored.token} applied={stored.applied} preview={stored.preview} busy={busy} />
      ) : (
        <div className="grid-2">
          <section className="panel" aria-labelledby="employees-export">
            <h2 id="employees-export">{t("employees.export.title")}</h2>
            <p>{t("employees.export.text")}</p>
            <a href="/cabinet/employees.csv" className="button" download>
              {t("employees.export.button")}
            </a>
          </section>
          <section className="panel" aria-labelledby="employees-import">
            <h2 id="employees-import">{t("employees.import.title")}</h2>
            <p>{t("employees.import.text")}</p>
            <Form method="post" encType="multipart/form-data" className="stack" {...getFormProps(uploadForm)}>
              <CsrfField />
              <input type="hidden" name="intent" value="upload" />
              <InputField field={uploadFields.file} label={t("employees.file")} type="file" accept=".csv,text/csv" />
              <button type="submit" className="button" disabled={busy}>
                {t("employees.upload")}
              </button>
            </Form>
          </section>
        </div>
      )}
    </>
  );
}
