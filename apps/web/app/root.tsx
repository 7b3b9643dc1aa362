import { can } from "@cabinet/domain";
import { type HeadersFunction, type LoaderFunctionArgs, type MetaFunction, data } from "@remix-run/node";
import {
  Form,
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { CsrfField } from "~/components/csrf-field";
import { useNonce } from "~/components/nonce";
import { useRequestLocale } from "~/components/request-locale";
import { defaultLocale, isLocale, type Locale, translator } from "~/i18n/i18n";
import stylesheet from "~/styles/app.css?url";
import { getActor } from "~/server/auth.server";
import { appEnv } from "~/server/context.server";
import { csrfToken } from "~/server/csrf.server";
import { getLocale } from "~/server/locale.server";

/**
 * The headers a refused request was thrown with (429's Retry-After, 413's Connection: close) go out
 * with the error page this root's boundary renders for it. Other pages get none from here.
 */
export const headers: HeadersFunction = ({ errorHeaders }) => errorHeaders ?? new Headers();

export const links = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const [locale, csrf, actor] = await Promise.all([getLocale(request), csrfToken(request), getActor(request, context)]);
  const env = appEnv();
  const user = actor && {
    displayName: actor.displayName,
    login: actor.login,
    role: actor.role,
    mustChangePassword: actor.mustChangePassword,
  };
  const devSms = can(actor, "office:view-sms-outbox") && env.DEV_SMS_OUTBOX === "on";
  return data(
    { locale, csrf: csrf.token, user, devSms },
    csrf.setCookie ? { headers: { "Set-Cookie": csrf.setCookie } } : undefined,
  );
}

export type RootData = Awaited<ReturnType<typeof loader>>["data"];

export function useRootData(): RootData | undefined {
  return useRouteLoaderData<typeof loader>("root") as RootData | undefined;
}

/** The translator for the current page's language. */
export function useT() {
  return translator(useLocale());
}

/**
 * The page's language: the root loader's. An action refused with an error response renders this
 * root's boundary without the root loader having run; such an error may carry the visitor's `locale`
 * in its data (see rate-limit.server.ts); otherwise the language the request asked for (its cookie,
 * provided by entry.server) is used.
 */
export function useLocale(): Locale {
  const loaded = useRootData()?.locale;
  const error = useRouteError();
  const requested = useRequestLocale();
  return loaded ?? localeCarriedBy(error) ?? requested ?? defaultLocale;
}

function localeCarriedBy(error: unknown): Locale | undefined {
  const carried = isRouteErrorResponse(error) ? (error.data as { locale?: unknown } | null)?.locale : undefined;
  return isLocale(carried) ? carried : undefined;
}

export function Layout({ children }: { children: ReactNode }) {
  const root = useRootData();
  const locale = useLocale();
  const t = translator(locale);
  const nonce = useNonce();
  const location = useLocation();
  const other: Locale = locale === "ru" ? "en" : "ru";
  const back = location.pathname + location.search;
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">
          {t("nav.skip")}
        </a>
        <header className="site-header">
          <div className="container header-row">
            <Link to="/" className="brand">
              <span className="brand-mark" aria-hidden="true">
                К
              </span>
              <span>{t("app.name")}</span>
            </Link>
            <nav aria-label={t("app.name")} className="main-nav">
              {root?.user?.role === "office_staff" ? (
                <>
                  <Link to="/office">{t("nav.office")}</Link>
                  <Link to="/office/verify">{t("nav.verify")}</Link>
                  {root.devSms ? <Link to="/dev/sms">{t("nav.smsOutbox")}</Link> : null}
                </>
              ) : root?.user?.role === "company_admin" ? (
                <Link to="/cabinet">{t("nav.cabinet")}</Link>
              ) : (
                <>
                  <Link to="/apply">{t("nav.apply")}</Link>
                  <Link to="/apply/status">{t("nav.status")}</Link>
                </>
              )}
              {root?.user ? <Link to="/account/password">{t("nav.password")}</Link> : null}
              <Form method="get" action="/lang" className="inline-form">
                <input type="hidden" name="to" value={other} />
                <input type="hidden" name="back" value={back} />
                <button type="submit" className="link-button" lang={other} aria-label={t("lang.switchLabel")}>
                  {t("lang.switch")}
                </button>
              </Form>
              {root?.user ? (
                <Form method="post" action="/logout" className="inline-form">
                  <CsrfField />
                  <button type="submit" className="button button-small button-quiet">
                    {t("nav.logout")}
                  </button>
                </Form>
              ) : (
                <Link to="/login" className="button button-small">
                  {t("nav.login")}
                </Link>
              )}
            </nav>
          </div>
        </header>
        <main id="main" className="container main" tabIndex={-1}>
          {children}
        </main>
        <footer className="site-footer">
          <div className="container">
            {t("app.name")} · {t("footer.note")}
          </div>
        </footer>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

/** What a refused request's page says: its title, its text and whether reloading helps. */
function errorPage(error: unknown, t: ReturnType<typeof useT>) {
  if (!isRouteErrorResponse(error)) {
    return { title: t("errors.server.title"), text: t("errors.server.text") };
  }
  const info = (error.data ?? {}) as { limitKb?: number; retryAfterMinutes?: number };
  switch (error.status) {
    case 400:
      return { title: t("errors.badRequest.title"), text: t("errors.badRequest.text"), reload: true };
    case 403:
      return { title: t("errors.forbidden.title"), text: t("errors.csrf"), reload: true };
    case 404:
      return { title: t("errors.notFound.title"), text: t("errors.notFound.text") };
    case 413:
      return { title: t("errors.tooLarge.title"), text: t("errors.tooLarge.text", { limit: info.limitKb ?? "" }) };
    case 429:
      return {
        title: t("errors.rateLimited.title"),
        text: t("errors.rateLimited.text", { minutes: Math.max(1, info.retryAfterMinutes ?? 1) }),
      };
    default:
      return { title: t("errors.server.title"), text: t("errors.server.text") };
  }
}

/**
 * An error page's title: a route's own meta is not used once its loader or action failed, and a
 * page without a title fails WCAG 2.4.2 (found by e2e/accessibility.e2e.ts).
 */
export const meta: MetaFunction = ({ data, error }) => {
  if (!error) return [];
  const t = translator((data as RootData | undefined)?.locale ?? localeCarriedBy(error) ?? defaultLocale);
  return [{ title: `${errorPage(error, t).title} · ${t("app.name")}` }];
};

export function ErrorBoundary() {
  const error = useRouteError();
  const t = useT();
  const location = useLocation();
  const page = errorPage(error, t);
  return (
    <section className="panel narrow">
      <h1>{page.title}</h1>
      <p>{page.text}</p>
      <p className="actions">
        {page.reload ? (
          <a href={location.pathname + location.search} className="button">
            {t("errors.reload")}
          </a>
        ) : null}
        <Link to="/" className={page.reload ? "button button-quiet" : "button"}>
          {t("errors.home")}
        </Link>
      </p>
    </section>
  );
}
