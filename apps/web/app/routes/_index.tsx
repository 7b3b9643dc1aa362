import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { useT } from "~/root";

export const meta: MetaFunction = () => [{ title: "Корпоративный кабинет · Corporate cabinet" }];

export default function Home() {
  const t = useT();
  return (
    <>
      <section className="panel">
        <h1>{t("home.title")}</h1>
        <p className="lead">{t("home.lead")}</p>
      </section>
      <div className="grid-3">
        <section className="panel">
          <h2>{t("home.apply.title")}</h2>
          <p>{t("home.apply.text")}</p>
          <Link className="button" to="/apply">
            {t("home.apply.cta")}
          </Link>
        </section>
        <section className="panel">
          <h2>{t("home.login.title")}</h2>
          <p>{t("home.login.text")}</p>
          <Link className="button button-quiet" to="/login">
            {t("home.login.cta")}
          </Link>
        </section>
        <section className="panel">
          <h2>{t("home.status.title")}</h2>
          <p>
            <Link to="/apply/status">{t("home.status.cta")}</Link>
          </p>
        </section>
      </div>
    </>
  );
}
