import { createReadStream } from "node:fs";
import { Readable } from "node:stream";
import { detailingDownload } from "@cabinet/domain";
import { type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { requireActor } from "~/server/auth.server";
import { appDeps } from "~/server/context.server";
import { mapDomainErrors, notFound } from "~/server/http.server";

/**
 * An ordered call-detail file, streamed from disk to the company's own administrators (login
 * required: the link in the e-mail leads through the login). Another company's order is 404; a
 * file past its lifetime leads to the orders page, which says it expired and how to order again.
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context, "cabinet:view");
  const orderId = Number(params.orderId);
  if (!Number.isSafeInteger(orderId) || orderId <= 0) notFound();
  const deps = await appDeps();
  const file = await mapDomainErrors(() => detailingDownload(deps, actor, orderId));
  if (!file.ok) throw redirect(`/cabinet/details?expired=${orderId}`);
  const body = Readable.toWeb(createReadStream(file.path)) as ReadableStream<Uint8Array>;
  return new Response(body, {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": `attachment; filename="${file.fileName}"`,
      "Content-Length": String(file.bytes),
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
