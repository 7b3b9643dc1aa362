import type { PdfVerification } from "@cabinet/domain";
import { getFormProps } from "@conform-to/react";
import { Form, Link, useNavigation } from "@remix-run/react";
import { CsrfField } from "~/components/csrf-field";
import { InputField } from "~/components/schema-fields";
import { Nowrap, RichText } from "~/components/rich-text";
import { useSchemaForm } from "~/components/schema-form";
import type { FieldError, SubmissionResult } from "~/forms/form-schema";
import { uploadedFormSchema } from "~/forms/verify-form";
import { useT } from "~/root";

/** Checking an uploaded PDF: the verdict on the last file, and the upload form. */
export function VerificationByFile({
  verification,
  lastResult,
  code,
}: {
  verification: PdfVerification | null;
  lastResult: SubmissionResult<FieldError> | null;
  /** The code the page was opened with (from the QR code), offered for the upload too. */
  code: string;
}) {
  const t = useT();
  const submitting = useNavigation().state === "submitting";
  const [form, fields] = useSchemaForm(uploadedFormSchema, {
    id: "verify-file",
    lastResult,
    defaultValue: { fileCode: code },
  });
  return (
    <section className="panel" aria-labelledby="by-file-title">
      <h2 id="by-file-title">{t("verify.byFile")}</h2>
      {verification ? <Verdict verification={verification} /> : null}
      {/* A new form after each answer: the file input starts empty again. */}
      <Form method="post" encType="multipart/form-data" className="stack" key={JSON.stringify(lastResult ?? null)} {...getFormProps(form)}>
        <CsrfField />
        <InputField field={fields.file} type="file" accept="application/pdf,.pdf" label={t("verify.file")} hint={t("verify.file.hint")} />
        <InputField
          field={fields.fileCode}
          label={t("verify.fileCode")}
          hint={t("verify.fileCode.hint")}
          autoCapitalize="characters"
          autoComplete="off"
          spellCheck={false}
        />
        <div className="actions">
          <button type="submit" className="button" disabled={submitting}>
            {t("verify.upload")}
          </button>
        </div>
      </Form>
    </section>
  );
}

function Verdict({ verification }: { verification: PdfVerification }) {
  const t = useT();
  if (verification.result === "unknown") {
    return (
      <p className="notice notice-bad" role="alert" data-testid="verify-result">
        <strong>✗</strong> {t("verify.result.unknown")}
      </p>
    );
  }
  const { application } = verification;
  const match = verification.result === "match";
  return (
    <div className={`notice ${match ? "notice-ok" : "notice-bad"}`} role={match ? "status" : "alert"} data-testid="verify-result">
      <p>
        <strong>{match ? "✓" : "✗"}</strong>{" "}
        <RichText
          text={t(match ? "verify.result.match" : "verify.result.altered")}
          values={{ reference: <Nowrap>{application.reference}</Nowrap>, company: application.companyName }}
        />
      </p>
      <Link to={`/office/applications/${application.id}`}>{t("verify.open")}</Link>
    </div>
  );
}
