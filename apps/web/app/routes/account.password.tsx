import { changePassword, PASSWORD_MIN_LENGTH } from "@cabinet/domain";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { getFormProps } from "@conform-to/react";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { CsrfField } from "~/components/csrf-field";
import { ErrorSummary } from "~/components/field";
import { PasswordField, summaryOf } from "~/components/schema-fields";
import { useSchemaForm } from "~/components/schema-form";
import { changePasswordFormSchema, passwordFields } from "~/forms/change-password-form";
import { parseForm } from "~/forms/form-schema";
import { translator } from "~/i18n/i18n";
import { useT } from "~/root";
import { clearSessionCookie, homeOf, requireActor, sessionToken } from "~/server/auth.server";
import { appDeps } from "~/server/context.server";
import { readTrustedForm } from "~/server/http.server";
import { getLocale } from "~/server/locale.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  const locale = await getLocale(request);
  return {
    title: translator(locale)("password.title"),
    login: actor.login,
    temporary: actor.mustChangePassword,
    minLength: PASSWORD_MIN_LENGTH,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  const form = await readTrustedForm(request);
  const submission = parseForm(form, changePasswordFormSchema);
  // Passwords are never sent back into the form.
  if (submission.status !== "success") {
    return data({ result: submission.reply({ hideFields: passwordFields }) }, { status: 400 });
  }
  const result = await changePassword(await appDeps(), actor, {
    ...submission.value,
    sessionToken: (await sessionToken(request)) ?? "",
  });
  // The fifth wrong current password locks the login and ends this session: off to the login page.
  if (!result.ok && result.locked) {
    const to = `/login?region=${encodeURIComponent(actor.regionCode)}&login=${encodeURIComponent(actor.login)}&locked=1`;
    throw redirect(to, { headers: { "Set-Cookie": await clearSessionCookie() } });
  }
  if (!result.ok) {
    return data({ result: submission.reply({ hideFields: passwordFields, fieldErrors: result.fieldErrors }) }, { status: 400 });
  }
  return redirect(`${homeOf(actor)}?changed=1`);
}

export default function ChangePasswordPage() {
  const t = useT();
  const { login, temporary, minLength } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const submitting = useNavigation().state === "submitting";
  const [form, fields] = useSchemaForm(changePasswordFormSchema, { id: "change-password", lastResult: answer?.result });
  const currentLabel = t(temporary ? "password.current.temporary" : "password.current");
  const summary = summaryOf(t, form, [
    { field: fields.currentPassword, label: currentLabel },
    { field: fields.newPassword, label: t("password.new") },
    { field: fields.confirmPassword, label: t("password.confirm") },
  ]);

  return (
    <section className="panel narrow">
      <h1>{t("password.title")}</h1>
      {temporary ? (
        <p className="notice notice-warn" role="status">
          {t("password.temporary")}
        </p>
      ) : null}
      <ErrorSummary title={t("password.errorSummary", { count: summary.length })} errors={summary} />
      <PasswordPolicy minLength={minLength} />
      <Form method="post" className="stack" {...getFormProps(form)}>
        <CsrfField />
        {/* For password managers: which login this password belongs to. */}
        <input type="text" name="username" value={login} autoComplete="username" readOnly hidden />
        <PasswordField field={fields.currentPassword} answer={answer} label={currentLabel} autoComplete="current-password" />
        <PasswordField
          field={fields.newPassword}
          answer={answer}
          label={t("password.new")}
          autoComplete="new-password"
          aria-describedby={fields.newPassword.errors ? "field-newPassword-error password-policy" : "password-policy"}
        />
        <PasswordField field={fields.confirmPassword} answer={answer} label={t("password.confirm")} autoComplete="new-password" />
        <div className="actions">
          <button type="submit" className="button" disabled={submitting}>
            {t("password.submit")}
          </button>
        </div>
      </Form>
      {temporary ? null : <LogOutEverywhere />}
    </section>
  );
}

/** The rules a new password must follow, referred to by the new-password field. */
function PasswordPolicy({ minLength }: { minLength: number }) {
  const t = useT();
  return (
    <div className="policy" id="password-policy">
      <h2>{t("password.policy.title")}</h2>
      <ul>
        <li>{t("password.policy.length", { min: minLength })}</li>
        <li>{t("password.policy.lettersDigits")}</li>
        <li>{t("password.policy.noLogin")}</li>
        <li>{t("password.policy.varied")}</li>
      </ul>
      <p className="muted">{t("password.policy.sessions")}</p>
    </div>
  );
}

/** Ends every session of this login (a lost phone, a shared computer). */
function LogOutEverywhere() {
  const t = useT();
  return (
    <section className="sessions" aria-labelledby="sessions-title">
      <h2 id="sessions-title">{t("logout.everywhere.title")}</h2>
      <p className="muted">{t("logout.everywhere.text")}</p>
      <Form method="post" action="/logout">
        <CsrfField />
        <input type="hidden" name="everywhere" value="1" />
        <button type="submit" className="button button-quiet">
          {t("logout.everywhere.submit")}
        </button>
      </Form>
    </section>
  );
}
