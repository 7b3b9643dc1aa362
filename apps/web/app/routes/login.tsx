import { findRegion, logIn, MAX_FAILED_ATTEMPTS } from "@cabinet/domain";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect } from "react";
import { CsrfField } from "~/components/csrf-field";
import { TextField } from "~/components/field";
import { RegionSelect } from "~/components/region-select";
import { Nowrap, RichText } from "~/components/rich-text";
import { translator } from "~/i18n/i18n";
import { useT } from "~/root";
import { commitSessionCookie, getActor, homeOf } from "~/server/auth.server";
import { appDeps } from "~/server/context.server";
import { formText } from "~/server/form-text.server";
import { clientAddress, readTrustedForm } from "~/server/http.server";
import { getLocale } from "~/server/locale.server";
import { loginRegions, regionCookie, rememberedRegion, safeNext } from "~/server/login.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

/**
 * Step 1 (no region yet, or "change region"): a GET form choosing the region. Step 2: login and
 * password for that region. `?region=ural` (the link in the approval SMS) goes straight to step 2.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const next = safeNext(url.searchParams.get("next"));
  const actor = await getActor(request, context);
  if (actor) throw redirect(actor.mustChangePassword ? "/account/password" : (next ?? homeOf(actor)));

  const locale = await getLocale(request);
  const deps = await appDeps();
  const regions = loginRegions(deps, locale);
  const asked = url.searchParams.get("region");
  const askedRegion = asked ? regions.find((r) => r.code === asked) : undefined;
  const remembered = await rememberedRegion(request);
  const region = askedRegion ?? regions.find((r) => r.code === remembered);
  const changing = url.searchParams.get("change") === "1";
  const body = {
    title: translator(locale)("login.title"),
    regions,
    regionCode: region?.code ?? "",
    step: region && !changing ? ("credentials" as const) : ("region" as const),
    next: next ?? "",
    login: (url.searchParams.get("login") ?? "").slice(0, 100),
    maxFailedAttempts: MAX_FAILED_ATTEMPTS,
    // Sent here by the password change that locked the login; the notice only explains, it decides nothing.
    locked: url.searchParams.get("locked") === "1",
  };
  // Remember a region chosen now for the next visit.
  if (askedRegion && askedRegion.code !== remembered) {
    return data(body, { headers: { "Set-Cookie": await regionCookie.serialize(askedRegion.code) } });
  }
  return body;
}

type LoginFailure = "invalid" | "locked" | "throttled" | "missing";
const failureStatus: Record<LoginFailure, number> = { missing: 400, invalid: 400, locked: 403, throttled: 429 };

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readTrustedForm(request);
  const regionCode = formText(form, "regionCode", 40);
  const login = formText(form, "login", 100).trim();
  const password = formText(form, "password", 200);
  const next = safeNext(formText(form, "next", 1000));
  const deps = await appDeps();
  const fail = (outcome: LoginFailure, fieldErrors: Record<string, { code: string }> = {}) =>
    data({ outcome, regionCode, login, fieldErrors }, { status: failureStatus[outcome] });

  if (!findRegion(deps, regionCode)) return fail("missing", { regionCode: { code: "region.required" } });
  const fieldErrors: Record<string, { code: string }> = {};
  if (!login) fieldErrors.login = { code: "required" };
  if (!password) fieldErrors.password = { code: "required" };
  if (Object.keys(fieldErrors).length > 0) return fail("missing", fieldErrors);

  const result = await logIn(deps, { regionCode, login, password, clientAddress: clientAddress(context) });
  if (!result.ok) return fail(result.reason);

  const headers = new Headers();
  headers.append("Set-Cookie", await commitSessionCookie(result.sessionToken));
  headers.append("Set-Cookie", await regionCookie.serialize(regionCode));
  const home = homeOf({ role: result.role });
  return redirect(result.mustChangePassword ? "/account/password" : (next ?? home), { headers });
}

export default function LoginPage() {
  const t = useT();
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const submitting = useNavigation().state === "submitting";
  // The typed login stays after a failed attempt, the password never does.
  useEffect(() => {
    if (!result) return;
    const password = document.getElementById("field-password");
    if (password instanceof HTMLInputElement) password.value = "";
  }, [result]);
  const regionCode = result?.regionCode || loaded.regionCode;
  const region = loaded.regions.find((r) => r.code === regionCode);
  const step = result ? (region ? "credentials" : "region") : loaded.step;
  const errors = result?.fieldErrors ?? {};
  const outcome = result ? result.outcome : loaded.locked ? "locked" : null;
  const nextQuery = loaded.next ? `&next=${encodeURIComponent(loaded.next)}` : "";
  const typedLogin = result?.login ?? loaded.login;
  const restoreHref = `/login/forgot?region=${encodeURIComponent(regionCode)}${
    typedLogin ? `&login=${encodeURIComponent(typedLogin)}` : ""
  }`;

  return (
    <section className="panel narrow">
      <h1>{t("login.title")}</h1>
      {step === "region" ? (
        <Form method="get" className="stack" key="region">
          <p className="lead">{t("login.region.lead")}</p>
          {loaded.next ? <input type="hidden" name="next" value={loaded.next} /> : null}
          <RegionSelect
            name="region"
            regions={loaded.regions}
            defaultValue={regionCode}
            error={errors.regionCode ? t("errors.region.required") : undefined}
          />
          <div className="actions">
            <button type="submit" className="button">
              {t("login.region.continue")}
            </button>
          </div>
        </Form>
      ) : (
        <>
          <p className="login-region">
            <span className="muted">{t("login.region.current")}:</span> <strong>{region?.name}</strong>{" "}
            <Link to={`/login?change=1&region=${encodeURIComponent(regionCode)}${nextQuery}`}>
              {t("login.region.change")}
            </Link>
          </p>
          {outcome === "invalid" ? (
            <p className="notice notice-bad" role="alert">
              {t("login.failed.invalid")}
            </p>
          ) : null}
          {outcome === "throttled" ? (
            <p className="notice notice-bad" role="alert">
              {t("login.failed.throttled")}
            </p>
          ) : null}
          {outcome === "locked" && region ? (
            <div className="notice notice-bad" role="alert">
              <h2 className="notice-title">{t("login.failed.locked.title")}</h2>
              <p>{t("login.failed.locked", { max: loaded.maxFailedAttempts })}</p>
              <p>{t("login.failed.locked.restore")}</p>
              <p>
                <Link className="button button-small" to={restoreHref}>
                  {t("login.restore")}
                </Link>
              </p>
              <p>
                <RichText
                  text={t("login.failed.locked.office")}
                  values={{ region: region.name, phone: <Nowrap>{region.officePhone}</Nowrap>, email: region.officeEmail }}
                />
              </p>
              <p className="muted">{t("login.failed.locked.staff")}</p>
            </div>
          ) : null}
          <Form method="post" className="stack" key={`credentials-${regionCode}`}>
            <CsrfField />
            <input type="hidden" name="regionCode" value={regionCode} />
            {loaded.next ? <input type="hidden" name="next" value={loaded.next} /> : null}
            <TextField
              name="login"
              label={t("login.login")}
              hint={t("login.login.hint")}
              error={errors.login ? t("errors.required") : undefined}
              defaultValue={result?.login ?? loaded.login}
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              maxLength={100}
              required
            />
            <TextField
              name="password"
              type="password"
              label={t("login.password")}
              error={errors.password ? t("errors.required") : undefined}
              autoComplete="current-password"
              maxLength={200}
              required
            />
            <div className="actions">
              <button type="submit" className="button" disabled={submitting}>
                {t("login.submit")}
              </button>
            </div>
          </Form>
          <p className="login-help">
            {t("login.forgot")} <Link to={restoreHref}>{t("login.restore")}</Link>
          </p>
        </>
      )}
      <p className="login-help muted">
        {t("login.noAccess")} <Link to="/apply">{t("login.apply")}</Link>
      </p>
    </section>
  );
}
