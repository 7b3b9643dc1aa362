import { findApplicationReceipt, formatMsisdn } from "@cabinet/domain";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { translator } from "~/i18n/i18n";
import { useT } from "~/root";
import { appDeps } from "~/server/context.server";
import { notFound } from "~/server/http.server";
import { getLocale } from "~/server/locale.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const receipt = findApplicationReceipt(await appDeps(), params.token ?? "");
  if (!receipt) notFound();
  const locale = await getLocale(request);
  return {
    title: `${translator(locale)("apply.done.title")} · ${receipt.reference}`,
    token: params.token as string,
    reference: receipt.reference,
    email: receipt.email,
    contact: formatMsisdn(receipt.contactNumber),
    regionName: locale === "en" ? receipt.region.nameEn : receipt.region.nameRu,
    officeEmail: receipt.region.officeEmail,
    duplicate: new URL(request.url).searchParams.has("duplicate"),
  };
}

export default function ApplicationReceived() {
  const t = useT();
  const r = useLoaderData<typeof loader>();
  return (
    <section className="panel narrow">
      <p className="badge badge-approved">{t("apply.done.title")}</p>
      <h1>
        {t("apply.done.reference")}: <span className="reference" data-testid="reference">{r.reference}</span>
      </h1>
      {r.duplicate ? <p className="notice notice-warn">{t("apply.done.duplicate")}</p> : null}
      <p>{t("apply.done.sentTo", { region: r.regionName, officeEmail: r.officeEmail, email: r.email })}</p>
      <p className="muted">{t("apply.done.keep")}</p>
      <div className="actions">
        <a className="button" href={`/apply/done/${r.token}/form.pdf`} download>
          {t("apply.done.download")}
        </a>
        <Link className="button button-quiet" to={`/apply/status?reference=${encodeURIComponent(r.reference)}`}>
          {t("apply.done.status")}
        </Link>
      </div>
      <h2>{t("apply.done.next")}</h2>
      <ol className="steps">
        <li>{t("apply.done.next1")}</li>
        <li>{t("apply.done.next2", { contact: r.contact })}</li>
        <li>{t("apply.done.next3")}</li>
      </ol>
    </section>
  );
}
