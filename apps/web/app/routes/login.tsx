import { findRegion, logIn, MAX_FAILED_ATTEMPTS } from "@cabinet/domain";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { getFormProps } from "@conform-to/react";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { CsrfField } from "~/components/csrf-field";
import { HiddenFieldsProblem, InputField, PasswordField } from "~/components/schema-fields";
import { LoginNotice, type LoginOutcome } from "~/components/login/login-notices";
import { RegionSelect } from "~/components/region-select";
import { useSchemaForm } from "~/components/schema-form";
import { type FieldError, parseForm, typedText } from "~/forms/form-schema";
import { loginFormSchema } from "~/forms/login-form";
import { fieldErrorMessage, translator } from "~/i18n/i18n";
import { useT } from "~/root";
import { commitSessionCookie, getActor, homeOf } from "~/server/auth.server";
import { appDeps } from "~/server/context.server";
import { clientAddress, readTrustedForm } from "~/server/http.server";
import { getLocale } from "~/server/locale.server";
import { enforceRateLimit } from "~/server/rate-limit.server";
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
    // Filled in by the password page after it locked the login; checked like a typed one when sent.
    login: url.searchParams.get("login") ?? "",
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

const failureStatus: Record<LoginOutcome, number> = { badInput: 400, invalid: 400, locked: 403, throttled: 429 };

export async function action({ request, context }: ActionFunctionArgs) {
  await enforceRateLimit("login", request, context);
  const form = await readTrustedForm(request);
  const submission = parseForm(form, loginFormSchema);
  const deps = await appDeps();
  // The password never goes back to the browser, whatever happened.
  const fail = (outcome: LoginOutcome, fieldErrors?: Record<string, FieldError>) => {
    const region = findRegion(deps, typedText(submission.payload, "regionCode"));
    const result = submission.reply({ hideFields: ["password"], ...(fieldErrors ? { fieldErrors } : {}) });
    return data({ outcome, regionCode: region?.code ?? "", result }, { status: failureStatus[outcome] });
  };

  if (submission.status !== "success") return fail("badInput");
  const { regionCode, login, password } = submission.value;
  if (!findRegion(deps, regionCode)) return fail("badInput", { regionCode: { code: "region.required" } });

  const result = await logIn(deps, { regionCode, login, password, clientAddress: clientAddress(context) });
  if (!result.ok) return fail(result.reason);

  const headers = new Headers();
  headers.append("Set-Cookie", await commitSessionCookie(result.sessionToken));
  headers.append("Set-Cookie", await regionCookie.serialize(regionCode));
  const home = homeOf({ role: result.role });
  return redirect(result.mustChangePassword ? "/account/password" : (safeNext(submission.value.next) ?? home), { headers });
}

export default function LoginPage() {
  const t = useT();
  const loaded = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const submitting = useNavigation().state === "submitting";
  const regionCode = answer ? answer.regionCode : loaded.regionCode;
  const region = loaded.regions.find((r) => r.code === regionCode);
  const step = answer ? (region ? "credentials" : "region") : loaded.step;
  const [form, fields] = useSchemaForm(loginFormSchema, {
    id: "login",
    lastResult: answer?.result,
    defaultValue: { login: loaded.login },
  });
  const outcome = answer ? answer.outcome : loaded.locked ? "locked" : null;
  const nextQuery = loaded.next ? `&next=${encodeURIComponent(loaded.next)}` : "";
  const typedLogin = answer ? typedText(answer.result.initialValue, "login") : loaded.login;
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
            error={fields.regionCode.errors ? fieldErrorMessage(t, fields.regionCode.errors) : undefined}
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
          <LoginNotice
            outcome={outcome}
            region={region}
            maxFailedAttempts={loaded.maxFailedAttempts}
            restoreHref={restoreHref}
          />
          <HiddenFieldsProblem fields={[fields.next]} />
          <Form method="post" className="stack" key={`credentials-${regionCode}`} {...getFormProps(form)}>
            <CsrfField />
            <input type="hidden" name={fields.regionCode.name} value={regionCode} />
            {loaded.next ? <input type="hidden" name={fields.next.name} value={loaded.next} /> : null}
            <InputField
              field={fields.login}
              label={t("login.login")}
              hint={t("login.login.hint")}
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
            />
            <PasswordField
              field={fields.password}
              answer={answer}
              label={t("login.password")}
              autoComplete="current-password"
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
