import { formatMsisdn, getCompanyOverview } from "@cabinet/domain";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { RichText } from "~/components/rich-text";
import { translator } from "~/i18n/i18n";
import { useT } from "~/root";
import { requireActor } from "~/server/auth.server";
import { appDeps } from "~/server/context.server";
import { mapDomainErrors } from "~/server/http.server";
import { getLocale } from "~/server/locale.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context, "cabinet:view");
  const deps = await appDeps();
  const overview = await mapDomainErrors(() => getCompanyOverview(deps, actor));
  const locale = await getLocale(request);
  const en = locale === "en";
  return {
    title: translator(locale)("cabinet.title"),
    displayName: actor.displayName,
    company: overview.company,
    regionName: en ? overview.region.nameEn : overview.region.nameRu,
    accounts: overview.accounts,
    lineCount: overview.lineCount,
    lines: overview.lines.map((line) => ({
      id: line.id,
      msisdn: formatMsisdn(line.msisdn),
      accountNumber: line.accountNumber,
      employeeName: line.employeeName,
      department: line.department,
      tariff: en ? line.tariffNameEn : line.tariffNameRu,
      status: line.status,
    })),
    passwordChanged: new URL(request.url).searchParams.get("changed") === "1",
  };
}

export default function CabinetHome() {
  const t = useT();
  const { displayName, company, regionName, accounts, lineCount, lines, passwordChanged } = useLoaderData<typeof loader>();
  const severalAccounts = accounts.length > 1;
  return (
    <>
      {passwordChanged ? (
        <p className="notice notice-ok" role="status">
          {t("password.changed")}
        </p>
      ) : null}
      <div className="page-head">
        <div>
          <h1>{t("cabinet.greeting", { name: displayName })}</h1>
          <p className="lead">{company.name}</p>
        </div>
        <div className="actions head-actions">
          <Link to="/cabinet/audit" className="button button-quiet button-small">
            {t("cabinet.auditLink")}
          </Link>
          <Link to="/account/password" className="button button-quiet button-small">
            {t("cabinet.passwordLink")}
          </Link>
        </div>
      </div>

      <section className="panel">
        <dl className="facts">
          <dt>{t("cabinet.company")}</dt>
          <dd>{company.name}</dd>
          <dt>{t("cabinet.owner")}</dt>
          <dd>{company.ownerName}</dd>
          <dt>{t("cabinet.region")}</dt>
          <dd>{regionName}</dd>
          <dt>{t("cabinet.accounts")}</dt>
          <dd>
            <ul className="plain-list">
              {accounts.map((a) => (
                <li key={a.accountNumber}>
                  <RichText
                    text={t("cabinet.account.lines")}
                    values={{ account: <span className="mono">{a.accountNumber}</span>, count: a.lineCount }}
                  />
                </li>
              ))}
            </ul>
          </dd>
          <dt>{t("cabinet.linesCount")}</dt>
          <dd>{lineCount}</dd>
        </dl>
      </section>

      <section aria-labelledby="lines-title">
        <h2 id="lines-title">{t("cabinet.lines")}</h2>
        {lines.length === 0 ? (
          <p className="muted">{t("cabinet.lines.empty")}</p>
        ) : (
          <div className="table-wrap">
            <table className="data cards">
              <thead>
                <tr>
                  <th scope="col">{t("cabinet.col.msisdn")}</th>
                  <th scope="col">{t("cabinet.col.employee")}</th>
                  <th scope="col">{t("cabinet.col.department")}</th>
                  <th scope="col">{t("cabinet.col.tariff")}</th>
                  <th scope="col">{t("cabinet.col.status")}</th>
                  {severalAccounts ? <th scope="col">{t("cabinet.col.account")}</th> : null}
                </tr>
              </thead>
              <tbody>
                {lines.map((line) => (
                  <tr key={line.id}>
                    <td className="nowrap">{line.msisdn}</td>
                    <td data-label={t("cabinet.col.employee")}>{line.employeeName ?? t("cabinet.none")}</td>
                    <td data-label={t("cabinet.col.department")}>{line.department ?? t("cabinet.none")}</td>
                    <td data-label={t("cabinet.col.tariff")}>{line.tariff}</td>
                    <td data-label={t("cabinet.col.status")}>
                      <span className={`badge ${line.status === "active" ? "badge-ok" : "badge-bad"}`}>
                        {t(`cabinet.line.${line.status}`)}
                      </span>
                    </td>
                    {severalAccounts ? (
                      <td className="mono" data-label={t("cabinet.col.account")}>
                        {line.accountNumber}
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <p className="notice notice-info cabinet-soon">{t("cabinet.soon")}</p>
    </>
  );
}
