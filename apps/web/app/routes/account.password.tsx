import { changePassword, PASSWORD_MIN_LENGTH } from "@cabinet/domain";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { CsrfField } from "~/components/csrf-field";
import { ErrorSummary, TextField } from "~/components/field";
import { fieldErrorMessage, type MessageKey, translator } from "~/i18n/i18n";
import { useT } from "~/root";
import { clearSessionCookie, homeOf, requireActor, sessionToken } from "~/server/auth.server";
import { appDeps } from "~/server/context.server";
import { formText } from "~/server/form-text.server";
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
  const result = await changePassword(await appDeps(), actor, {
    currentPassword: formText(form, "currentPassword", 200),
    newPassword: formText(form, "newPassword", 200),
    confirmPassword: formText(form, "confirmPassword", 200),
    sessionToken: (await sessionToken(request)) ?? "",
  });
  // The fifth wrong current password locks the login and ends this session: off to the login page.
  if (!result.ok && result.locked) {
    const to = `/login?region=${encodeURIComponent(actor.regionCode)}&login=${encodeURIComponent(actor.login)}&locked=1`;
    throw redirect(to, { headers: { "Set-Cookie": await clearSessionCookie() } });
  }
  // Passwords are never sent back into the form.
  if (!result.ok) return data({ fieldErrors: result.fieldErrors }, { status: 400 });
  return redirect(`${homeOf(actor)}?changed=1`);
}

const labels: Record<string, MessageKey> = {
  currentPassword: "password.current",
  newPassword: "password.new",
  confirmPassword: "password.confirm",
};

export default function ChangePasswordPage() {
  const t = useT();
  const { login, temporary, minLength } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const submitting = useNavigation().state === "submitting";
  const errors: Record<string, { code: string; params?: Record<string, string> }> = result?.fieldErrors ?? {};
  const error = (name: string) => (errors[name] ? fieldErrorMessage(t, errors[name]) : undefined);
  const summary = Object.entries(errors).map(([name, e]) => ({
    name,
    label: t(labels[name] ?? "password.new"),
    message: fieldErrorMessage(t, e),
  }));

  return (
    <section className="panel narrow">
      <h1>{t("password.title")}</h1>
      {temporary ? (
        <p className="notice notice-warn" role="status">
          {t("password.temporary")}
        </p>
      ) : null}
      <ErrorSummary title={t("password.errorSummary", { count: summary.length })} errors={summary} />
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
      <Form method="post" className="stack" key={result ? JSON.stringify(errors) : "new"}>
        <CsrfField />
        {/* For password managers: which login this password belongs to. */}
        <input type="text" name="username" value={login} autoComplete="username" readOnly hidden />
        <TextField
          name="currentPassword"
          type="password"
          label={t(temporary ? "password.current.temporary" : "password.current")}
          error={error("currentPassword")}
          autoComplete="current-password"
          maxLength={200}
          required
        />
        <TextField
          name="newPassword"
          type="password"
          label={t("password.new")}
          error={error("newPassword")}
          autoComplete="new-password"
          aria-describedby={error("newPassword") ? "field-newPassword-error password-policy" : "password-policy"}
          minLength={minLength}
          maxLength={128}
          required
        />
        <TextField
          name="confirmPassword"
          type="password"
          label={t("password.confirm")}
          error={error("confirmPassword")}
          autoComplete="new-password"
          maxLength={128}
          required
        />
        <div className="actions">
          <button type="submit" className="button" disabled={submitting}>
            {t("password.submit")}
          </button>
        </div>
      </Form>
      {temporary ? null : (
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
      )}
    </section>
  );
}
