import { logOutEverywhere } from "@cabinet/domain";
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form } from "@remix-run/react";
import { CsrfField } from "~/components/csrf-field";
import { logoutFormSchema } from "~/forms/logout-form";
import { parseForm } from "~/forms/form-schema";
import { translator } from "~/i18n/i18n";
import { useT } from "~/root";
import { clearSessionCookie, getActor, logOut } from "~/server/auth.server";
import { appDeps } from "~/server/context.server";
import { readTrustedForm } from "~/server/http.server";
import { getLocale } from "~/server/locale.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

/** A GET never logs out (a link or a prefetch must not end a session): it offers the button. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  if (!(await getActor(request, context))) throw redirect("/login");
  return { title: translator(await getLocale(request))("logout.title") };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseForm(await readTrustedForm(request), logoutFormSchema);
  // A form that says anything else than "everywhere" still ends this session: logging out never fails.
  const everywhere = submission.status === "success" && submission.value.everywhere === "1";
  const actor = everywhere ? await getActor(request, context) : null;
  if (actor) logOutEverywhere(await appDeps(), actor);
  else await logOut(request);
  return redirect("/login", { headers: { "Set-Cookie": await clearSessionCookie() } });
}

export default function LogoutPage() {
  const t = useT();
  return (
    <section className="panel narrow">
      <h1>{t("logout.title")}</h1>
      <p>{t("logout.text")}</p>
      <Form method="post" className="actions">
        <CsrfField />
        <button type="submit" className="button">
          {t("logout.submit")}
        </button>
      </Form>
    </section>
  );
}
