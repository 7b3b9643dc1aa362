import { findRegion, requestPasswordReset } from "@cabinet/domain";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { getFormProps } from "@conform-to/react";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { CsrfField } from "~/components/csrf-field";
import { InputField, typedValue } from "~/components/schema-fields";
import { RegionSelect } from "~/components/region-select";
import { useSchemaForm } from "~/components/schema-form";
import { parseForm, typedText } from "~/forms/form-schema";
import { forgotPasswordFormSchema } from "~/forms/login-form";
import { Nowrap, RichText } from "~/components/rich-text";
import { fieldErrorMessage, translator } from "~/i18n/i18n";
import { useT } from "~/root";
import { appDeps, pokeOutbox } from "~/server/context.server";
import { clientAddress, readTrustedForm } from "~/server/http.server";
import { getLocale } from "~/server/locale.server";
import { enforceRateLimit } from "~/server/rate-limit.server";
import { loginRegions, rememberedRegion } from "~/server/login.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const locale = await getLocale(request);
  const regions = loginRegions(await appDeps(), locale);
  const asked = url.searchParams.get("region") ?? (await rememberedRegion(request));
  return {
    title: translator(locale)("forgot.title"),
    regions,
    regionCode: regions.some((r) => r.code === asked) ? (asked as string) : "",
    // Filled in by the login page's restore link; checked like a typed one when sent.
    login: url.searchParams.get("login") ?? "",
    sent: url.searchParams.get("sent") === "1",
  };
}

/**
 * Always the same answer, whether or not the login exists, is locked or was just reset: the
 * page must not tell anyone which logins there are.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  await enforceRateLimit("passwordReset", request, context);
  const form = await readTrustedForm(request);
  const submission = parseForm(form, forgotPasswordFormSchema);
  const deps = await appDeps();
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const { regionCode, login } = submission.value;
  if (!findRegion(deps, regionCode)) {
    return data({ result: submission.reply({ fieldErrors: { regionCode: { code: "region.required" } } }) }, { status: 400 });
  }

  const result = await requestPasswordReset(deps, { regionCode, login, clientAddress: clientAddress(context) });
  if (!result.ok) return data({ result: submission.reply(), throttled: true as const }, { status: 429 });
  await pokeOutbox();
  return redirect(`/login/forgot?sent=1&region=${encodeURIComponent(regionCode)}`);
}

export default function ForgotPasswordPage() {
  const t = useT();
  const loaded = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const submitting = useNavigation().state === "submitting";
  const [form, fields] = useSchemaForm(forgotPasswordFormSchema, {
    id: "forgot-password",
    lastResult: answer?.result,
    defaultValue: { regionCode: loaded.regionCode, login: loaded.login },
  });
  const regionCode = answer ? typedText(answer.result.initialValue, "regionCode") : loaded.regionCode;
  const region = loaded.regions.find((r) => r.code === regionCode);
  const office = region ? (
    <RichText
      text={t("forgot.office")}
      values={{ region: region.name, phone: <Nowrap>{region.officePhone}</Nowrap>, email: region.officeEmail }}
    />
  ) : null;

  if (loaded.sent && !answer) {
    return (
      <section className="panel narrow">
        <h1>{t("forgot.title")}</h1>
        <p className="notice notice-ok" role="status">
          {t("forgot.sent")}
        </p>
        {office ? <p className="muted">{office}</p> : null}
        <p>
          <Link className="button" to={`/login${region ? `?region=${region.code}` : ""}`}>
            {t("forgot.toLogin")}
          </Link>
        </p>
      </section>
    );
  }

  return (
    <section className="panel narrow">
      <h1>{t("forgot.title")}</h1>
      <p className="lead">{t("forgot.lead")}</p>
      {answer && "throttled" in answer ? (
        <p className="notice notice-bad" role="alert">
          {t("login.failed.throttled")}
        </p>
      ) : null}
      <Form method="post" className="stack" {...getFormProps(form)}>
        <CsrfField />
        <RegionSelect
          name={fields.regionCode.name}
          regions={loaded.regions}
          defaultValue={typedValue(fields.regionCode) ?? ""}
          error={fields.regionCode.errors ? fieldErrorMessage(t, fields.regionCode.errors) : undefined}
        />
        <InputField
          field={fields.login}
          label={t("login.login")}
          hint={t("login.login.hint")}
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
        />
        <div className="actions">
          <button type="submit" className="button" disabled={submitting}>
            {t("forgot.submit")}
          </button>
          <Link to={`/login${region ? `?region=${region.code}` : ""}`}>{t("forgot.toLogin")}</Link>
        </div>
      </Form>
      {office ? <p className="muted">{office}</p> : null}
    </section>
  );
}
