// Production server: Express in front of the Remix build, so that loaders get the client address
// (throttling), cross-origin POSTs are answered by the app instead of crashing in Remix, and
// background services (outbox worker) start with the process. Settings come from the build's one
// validated environment module; this file reads no environment variable itself.
import { createRequestHandler } from "@remix-run/express";
import express from "express";

const build = await import("./build/server/index.js");
// Refuses unsafe production settings, opens and migrates the database, starts the workers.
await build.entry.module.startup?.();
const settings = build.entry.module.serverSettings();
const publicOrigin = new URL(settings.publicUrl).origin;
const publicHost = new URL(settings.publicUrl).host;

const app = express();
app.disable("x-powered-by");
// A number of hops, never "every hop": X-Forwarded-For cannot be forged past the proxies we run.
app.set("trust proxy", settings.trustProxy);

// Bodies larger than any form or upload the portal takes are refused before they are read; the app
// caps each form more tightly (and says so in the user's language). The connection is kept open:
// Node discards the unread rest, where closing at once would reset it and hide the answer.
const MAX_BODY_BYTES = 25 * 1024 * 1024;
const TOO_LARGE_PAGE = `<!doctype html><html lang="ru"><meta charset="utf-8"><title>413</title>
<h1>Слишком большой запрос</h1><p>Отправленные данные больше допустимого. Вернитесь назад и отправьте меньше.</p>
<h1 lang="en">Request too large</h1><p lang="en">What you sent is larger than allowed. Go back and send less.</p></html>`;
app.use((req, res, next) => {
  if (Number(req.get("content-length")) > MAX_BODY_BYTES) {
    res.status(413).type("html").send(TOO_LARGE_PAGE);
    return;
  }
  next();
});

/**
 * Remix refuses an action whose Origin differs from Host by throwing, which answers 500. Decide here
 * instead: our own public origin (behind a proxy that rewrites Host) is let through as the public
 * host; any other origin is marked, and the app's CSRF check answers 403 with its "page is out of
 * date" page in the user's language.
 */
app.use((req, _res, next) => {
  delete req.headers["x-cabinet-cross-origin"];
  if (!settings.trustProxy) delete req.headers["x-forwarded-host"];
  if (req.method === "GET" || req.method === "HEAD") return next();
  const origin = req.get("origin");
  if (!origin || origin === "null") return next();
  const host = req.get("x-forwarded-host")?.split(",")[0]?.trim() || req.get("host");
  const ownOrigin = `${req.protocol}://${host}`;
  if (origin === ownOrigin) return next();
  if (origin === publicOrigin) {
    req.headers.host = publicHost;
    delete req.headers["x-forwarded-host"];
    return next();
  }
  req.headers["x-cabinet-cross-origin"] = "1";
  delete req.headers.origin;
  next();
});

app.use("/assets", express.static("build/client/assets", { immutable: true, maxAge: "1y" }));
app.use(express.static("build/client", { maxAge: "1h" }));
app.all(
  "*",
  createRequestHandler({
    build,
    getLoadContext: (req) => ({ clientAddress: req.ip ?? req.socket.remoteAddress ?? null }),
  }),
);

const server = app.listen(settings.port, settings.host, () => {
  const shown = settings.host === "0.0.0.0" ? "localhost" : settings.host;
  console.log(`[cabinet] listening on http://${shown}:${settings.port}`);
});
const shutdown = async () => {
  server.close();
  await build.entry.module.shutdown?.();
  process.exit(0);
};
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
