// Production server: Express in front of the Remix build, so that loaders get the client address
// (login throttling) and background services (outbox worker) start with the process.
import express from "express";
import { createRequestHandler } from "@remix-run/express";

const build = await import("./build/server/index.js");
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "0.0.0.0";

const app = express();
app.disable("x-powered-by");
app.set("trust proxy", process.env.TRUST_PROXY === "1");
app.use("/assets", express.static("build/client/assets", { immutable: true, maxAge: "1y" }));
app.use(express.static("build/client", { maxAge: "1h" }));
app.all(
  "*",
  createRequestHandler({
    build,
    getLoadContext: (req) => ({ clientAddress: req.ip ?? req.socket.remoteAddress ?? null }),
  }),
);

await build.entry.module.startup?.();
const server = app.listen(port, host, () => {
  console.log(`[cabinet] listening on http://${host === "0.0.0.0" ? "localhost" : host}:${port}`);
});
const shutdown = async () => {
  server.close();
  await build.entry.module.shutdown?.();
  process.exit(0);
};
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
