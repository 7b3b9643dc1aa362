import { findRegion, requestPasswordReset } from "@cabinet/domain";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { CsrfField } from "~/components/csrf-field";
import { TextField } from "~/components/field";
import { RegionSelect } from "~/components/region-select";
import { Nowrap, RichText } from "~/components/rich-text";
import { fieldErrorMessage, translator } from "~/i18n/i18n";
import { useT } from "~/root";
import { appDeps, pokeOutbox } from "~/server/context.server";
import { formText } from "~/server/form-text.server";
import { clientAddress, readTrustedForm } from "~/server/http.server";
import { getLocale } from "~/server/locale.server";
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
    login: (url.searchParams.get("login") ?? "").slice(0, 100),
    sent: url.searchParams.get("sent") === "1",
  };
}

/**
 * Always the same answer, whether or not the login exists, is locked or was just reset: the
 * page must not tell anyone which logins there are.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readTrustedForm(request);
  const regionCode = formText(form, "regionCode", 40);
  const login = formText(form, "login", 100).trim();
  const deps = await appDeps();
  const fieldErrors: Record<string, { code: string }> = {};
  if (!findRegion(deps, regionCode)) fieldErrors.regionCode = { code: "region.required" };
  if (!login) fieldErrors.login = { code: "required" };
  if (Object.keys(fieldErrors).length > 0) return data({ fieldErrors, regionCode, login }, { status: 400 });

  const result = await requestPasswordReset(deps, { regionCode, login, clientAddress: clientAddress(context) });
  if (!result.ok) return data({ fieldErrors, regionCode, login, throttled: true as const }, { status: 429 });
  await pokeOutbox();
  return redirect(`/login/forgot?sent=1&region=${encodeURIComponent(regionCode)}`);
}

export default function ForgotPasswordPage() {
  const t = useT();
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const submitting = useNavigation().state === "submitting";
  const errors = result?.fieldErrors ?? {};
  const regionCode = result?.regionCode ?? loaded.regionCode;
  const region = loaded.regions.find((r) => r.code === regionCode);
  const office = region ? (
    <RichText
      text={t("forgot.office")}
      values={{ region: region.name, phone: <Nowrap>{region.officePhone}</Nowrap>, email: region.officeEmail }}
    />
  ) : null;

  if (loaded.sent && !result) {
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
      {result && "throttled" in result ? (
        <p className="notice notice-bad" role="alert">
          {t("login.failed.throttled")}
        </p>
      ) : null}
      <Form method="post" className="stack">
        <CsrfField />
        <RegionSelect
          name="regionCode"
          regions={loaded.regions}
          defaultValue={regionCode}
          error={errors.regionCode ? fieldErrorMessage(t, errors.regionCode) : undefined}
        />
        <TextField
          name="login"
          label={t("login.login")}
          hint={t("login.login.hint")}
          error={errors.login ? fieldErrorMessage(t, errors.login) : undefined}
          defaultValue={result?.login ?? loaded.login}
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          maxLength={100}
          required
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
