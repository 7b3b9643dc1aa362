import { findApplicationByVerificationCode, findRegion, formatRegionDateTime, verifyUploadedPdf } from "@cabinet/domain";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { type CodeLookup, VerificationByCode } from "~/components/office/verification-by-code";
import { VerificationByFile } from "~/components/office/verification-by-file";
import { type FieldError, parseForm, type SubmissionResult } from "~/forms/form-schema";
import { looksLikePdf, MAX_VERIFIED_PDF_BYTES, uploadedFormSchema, verificationCodeFormSchema } from "~/forms/verify-form";
import { translator } from "~/i18n/i18n";
import { useT } from "~/root";
import { requireActor } from "~/server/auth.server";
import { appDeps } from "~/server/context.server";
import { isBodyTooLarge, readTrustedForm } from "~/server/http.server";
import { getLocale } from "~/server/locale.server";
import { enforceRateLimit } from "~/server/rate-limit.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

// The multipart envelope around the file: boundaries, headers, the CSRF token and the code.
const MAX_BODY_BYTES = MAX_VERIFIED_PDF_BYTES + 64 * 1024;

/** `?code=…` (the QR code on the PDF points here) looks the application up in the staff's region. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context, "office:review-applications");
  const locale = await getLocale(request);
  const title = translator(locale)("verify.title");
  const query = new URL(request.url).searchParams;
  if (!query.get("code")?.trim()) return { title, code: "", lookup: null, lastResult: null };
  const submission = parseForm(query, verificationCodeFormSchema);
  if (submission.status !== "success") {
    return data({ title, code: "", lookup: null, lastResult: submission.reply() }, { status: 400 });
  }
  const { code } = submission.value;
  const deps = await appDeps();
  const found = findApplicationByVerificationCode(deps, actor, code);
  if (!found) {
    const lookup: CodeLookup = { state: "notFound", code };
    return data({ title, code, lookup, lastResult: submission.reply() }, { status: 404 });
  }
  const timeZone = findRegion(deps, actor.regionCode)?.timeZone ?? "UTC";
  const lookup: CodeLookup = {
    state: "found",
    code,
    application: {
      id: found.id,
      reference: found.reference,
      companyName: found.companyName,
      status: found.status,
      submittedAt: formatRegionDateTime(found.submittedAt, timeZone),
    },
  };
  return { title, code, lookup, lastResult: submission.reply() };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context, "office:review-applications");
  await enforceRateLimit("formVerification", request, context);
  let form: FormData;
  try {
    form = await readTrustedForm(request, { maxBytes: MAX_BODY_BYTES });
  } catch (error) {
    if (!isBodyTooLarge(error)) throw error;
    // Too large to read at all: answered on the file field, like a large file that was read.
    const lastResult: SubmissionResult<FieldError> = { status: "error", error: { file: { code: "verify.tooLarge" } } };
    return data({ lastResult, verification: null }, { status: 413 });
  }
  const submission = parseForm(form, uploadedFormSchema);
  if (submission.status !== "success") return data({ lastResult: submission.reply(), verification: null }, { status: 400 });
  const bytes = new Uint8Array(await submission.value.file.arrayBuffer());
  if (!looksLikePdf(bytes)) {
    const lastResult = submission.reply({ fieldErrors: { file: { code: "verify.notPdf" } } });
    return data({ lastResult, verification: null }, { status: 400 });
  }
  const verification = verifyUploadedPdf(await appDeps(), actor, { bytes, code: submission.value.fileCode });
  return data(
    { lastResult: submission.reply(), verification },
    // A form this region never issued is, for this office, not found.
    { status: verification.result === "unknown" ? 404 : 200 },
  );
}

export default function VerifyFormPage() {
  const t = useT();
  const loaded = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  return (
    <>
      <div className="page-head">
        <div>
          <h1>{t("verify.title")}</h1>
          <p className="lead">{t("verify.lead")}</p>
        </div>
      </div>
      <div className="grid-2">
        <VerificationByCode lookup={loaded.lookup} lastResult={loaded.lastResult} />
        <VerificationByFile verification={answer?.verification ?? null} lastResult={answer?.lastResult ?? null} code={loaded.code} />
      </div>
    </>
  );
}
