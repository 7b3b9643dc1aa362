import { useT } from "~/root";
import type { ApplicationView } from "./application-view";

/** The application as the applicant filled it in, with its PDF. */
export function ApplicationFacts({ application: app }: { application: ApplicationView }) {
  const t = useT();
  return (
    <section className="panel" aria-labelledby="fields-title">
      <h2 id="fields-title">{t("office.app.fields")}</h2>
      <dl className="facts">
        <dt>{t("office.app.region")}</dt>
        <dd>{app.regionName}</dd>
        <dt>{t("office.app.company")}</dt>
        <dd>{app.companyName}</dd>
        <dt>{t("office.app.owner")}</dt>
        <dd>{app.ownerName}</dd>
        <dt>{t("office.app.account")}</dt>
        <dd className="mono">{app.accountNumber}</dd>
        <dt>{t("office.app.numbers", { count: app.numbers.length })}</dt>
        <dd>
          <NumberList numbers={app.numbers} />
        </dd>
        <dt>{t("office.app.contact")}</dt>
        <dd className="nowrap">{app.contactNumber}</dd>
        <dt>{t("office.app.email")}</dt>
        <dd>{app.email}</dd>
        <dt>{t("office.app.representative")}</dt>
        <dd>{app.representativeName}</dd>
        <dt>{t("office.app.submitted")}</dt>
        <dd>{app.submittedAt}</dd>
        <dt>{t("office.app.language")}</dt>
        <dd>{t(`office.app.language.${app.locale}`)}</dd>
        <dt>{t("office.app.code")}</dt>
        <dd className="mono">{app.verificationCode}</dd>
        <dt>{t("office.app.pdf")}</dt>
        <dd>
          <a href={`/office/applications/${app.id}/form.pdf`} target="_blank" rel="noreferrer">
            {t("office.app.pdf.link")}
          </a>
        </dd>
      </dl>
    </section>
  );
}

export function NumberList({ numbers }: { numbers: string[] }) {
  return (
    <ul className="number-list">
      {numbers.map((n) => (
        <li key={n} className="nowrap">
          {n}
        </li>
      ))}
    </ul>
  );
}
