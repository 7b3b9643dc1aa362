import {
  findApplicationByVerificationCode,
  findRegion,
  formatRegionDateTime,
  normalizeVerificationCode,
  verifyUploadedPdf,
} from "@cabinet/domain";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { CsrfField } from "~/components/csrf-field";
import { TextField } from "~/components/field";
import { Nowrap, RichText } from "~/components/rich-text";
import { fieldErrorMessage, translator } from "~/i18n/i18n";
import { useT } from "~/root";
import { requireActor } from "~/server/auth.server";
import { appDeps } from "~/server/context.server";
import { formText } from "~/server/form-text.server";
import { isBodyTooLarge, readTrustedForm } from "~/server/http.server";
import { getLocale } from "~/server/locale.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

const MAX_PDF_BYTES = 5 * 1024 * 1024;
// The multipart envelope around the file: boundaries, headers, the CSRF token and the code.
const MAX_BODY_BYTES = MAX_PDF_BYTES + 64 * 1024;

/** `?code=…` (the QR code on the PDF points here) looks the application up in the staff's region. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context, "office:review-applications");
  const locale = await getLocale(request);
  const title = translator(locale)("verify.title");
  const typed = (new URL(request.url).searchParams.get("code") ?? "").slice(0, 40);
  if (!typed.trim()) return { title, code: "", lookup: null };
  const code = normalizeVerificationCode(typed);
  if (!code) return data({ title, code: typed, lookup: { state: "badCode" as const } }, { status: 400 });
  const deps = await appDeps();
  const found = findApplicationByVerificationCode(deps, actor, code);
  if (!found) return data({ title, code, lookup: { state: "notFound" as const } }, { status: 404 });
  const timeZone = findRegion(deps, actor.regionCode)?.timeZone ?? "UTC";
  return {
    title,
    code,
    lookup: {
      state: "found" as const,
      application: {
        id: found.id,
        reference: found.reference,
        companyName: found.companyName,
        status: found.status,
        submittedAt: formatRegionDateTime(found.submittedAt, timeZone),
      },
    },
  };
}

type UploadErrors = Record<string, { code: string }>;

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context, "office:review-applications");
  let form: FormData;
  try {
    form = await readTrustedForm(request, { maxBytes: MAX_BODY_BYTES });
  } catch (error) {
    if (isBodyTooLarge(error)) {
      const fieldErrors: UploadErrors = { file: { code: "verify.tooLarge" } };
      return data({ fieldErrors, fileCode: "", verification: null }, { status: 413 });
    }
    throw error;
  }
  const typedCode = formText(form, "fileCode", 40).trim();
  const file = form.get("file");
  const fieldErrors: UploadErrors = {};
  let bytes: Uint8Array | null = null;
  if (file === null || typeof file === "string" || file.size === 0) fieldErrors.file = { code: "verify.fileRequired" };
  else if (file.size > MAX_PDF_BYTES) fieldErrors.file = { code: "verify.tooLarge" };
  else {
    bytes = new Uint8Array(await file.arrayBuffer());
    if (new TextDecoder().decode(bytes.subarray(0, 5)) !== "%PDF-") fieldErrors.file = { code: "verify.notPdf" };
  }
  const code = typedCode ? normalizeVerificationCode(typedCode) : "";
  if (typedCode && !code) fieldErrors.fileCode = { code: "verify.codeFormat" };
  if (Object.keys(fieldErrors).length > 0 || !bytes) {
    return data({ fieldErrors, fileCode: typedCode, verification: null }, { status: 400 });
  }
  const verification = verifyUploadedPdf(await appDeps(), actor, { bytes, code: code || undefined });
  return data(
    { fieldErrors, fileCode: typedCode, verification },
    // A form this region never issued is, for this office, not found.
    { status: verification.result === "unknown" ? 404 : 200 },
  );
}

export default function VerifyFormPage() {
  const t = useT();
  const { code, lookup } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const submitting = useNavigation().state === "submitting";
  const errors: UploadErrors = result?.fieldErrors ?? {};
  const error = (name: string) => (errors[name] ? fieldErrorMessage(t, errors[name]) : undefined);
  const verification = result?.verification;

  return (
    <>
      <div className="page-head">
        <div>
          <h1>{t("verify.title")}</h1>
          <p className="lead">{t("verify.lead")}</p>
        </div>
      </div>
      <div className="grid-2">
        <section className="panel" aria-labelledby="by-code-title">
          <h2 id="by-code-title">{t("verify.byCode")}</h2>
          {lookup?.state === "found" ? (
            <div className="notice notice-ok" role="status" data-testid="verify-lookup">
              <p>{t("verify.found", { code })}</p>
              <dl className="facts">
                <dt>{t("verify.reference")}</dt>
                <dd className="mono">{lookup.application.reference}</dd>
                <dt>{t("verify.company")}</dt>
                <dd>{lookup.application.companyName}</dd>
                <dt>{t("verify.status")}</dt>
                <dd>
                  <span className={`badge badge-${lookup.application.status}`}>
                    {t(`status.state.${lookup.application.status}`)}
                  </span>
                </dd>
                <dt>{t("verify.submitted")}</dt>
                <dd>{lookup.application.submittedAt}</dd>
              </dl>
              <p>
                <Link className="button button-small" to={`/office/applications/${lookup.application.id}`}>
                  {t("verify.open")}
                </Link>
              </p>
            </div>
          ) : null}
          {lookup?.state === "notFound" ? (
            <p className="notice notice-bad" role="alert" data-testid="verify-lookup">
              {t("verify.notFound", { code })}
            </p>
          ) : null}
          <Form method="get" className="stack">
            <TextField
              name="code"
              label={t("verify.code")}
              hint={t("verify.code.hint")}
              error={lookup?.state === "badCode" ? t("errors.verify.codeFormat") : undefined}
              defaultValue={code}
              autoCapitalize="characters"
              autoComplete="off"
              spellCheck={false}
              maxLength={40}
              required
            />
            <div className="actions">
              <button type="submit" className="button">
                {t("verify.lookup")}
              </button>
            </div>
          </Form>
        </section>

        <section className="panel" aria-labelledby="by-file-title">
          <h2 id="by-file-title">{t("verify.byFile")}</h2>
          {verification?.result === "match" ? (
            <div className="notice notice-ok" role="status" data-testid="verify-result">
              <p>
                <strong>✓</strong>{" "}
                <RichText
                  text={t("verify.result.match")}
                  values={{
                    reference: <Nowrap>{verification.application.reference}</Nowrap>,
                    company: verification.application.companyName,
                  }}
                />
              </p>
              <Link to={`/office/applications/${verification.application.id}`}>{t("verify.open")}</Link>
            </div>
          ) : null}
          {verification?.result === "altered" ? (
            <div className="notice notice-bad" role="alert" data-testid="verify-result">
              <p>
                <strong>✗</strong>{" "}
                <RichText
                  text={t("verify.result.altered")}
                  values={{
                    reference: <Nowrap>{verification.application.reference}</Nowrap>,
                    company: verification.application.companyName,
                  }}
                />
              </p>
              <Link to={`/office/applications/${verification.application.id}`}>{t("verify.open")}</Link>
            </div>
          ) : null}
          {verification?.result === "unknown" ? (
            <p className="notice notice-bad" role="alert" data-testid="verify-result">
              <strong>✗</strong> {t("verify.result.unknown")}
            </p>
          ) : null}
          <Form method="post" encType="multipart/form-data" className="stack" key={JSON.stringify(result ?? null)}>
            <CsrfField />
            <TextField
              name="file"
              type="file"
              accept="application/pdf,.pdf"
              label={t("verify.file")}
              hint={t("verify.file.hint")}
              error={error("file")}
              required
            />
            <TextField
              name="fileCode"
              label={t("verify.fileCode")}
              hint={t("verify.fileCode.hint")}
              error={error("fileCode")}
              defaultValue={result?.fileCode ?? code}
              autoCapitalize="characters"
              autoComplete="off"
              spellCheck={false}
              maxLength={40}
            />
            <div className="actions">
              <button type="submit" className="button" disabled={submitting}>
                {t("verify.upload")}
              </button>
            </div>
          </Form>
        </section>
      </div>
    </>
  );
}
