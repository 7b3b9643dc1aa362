import { checkHealth } from "@cabinet/domain";
import { appDeps } from "~/server/context.server";

/** For load balancers and monitoring: is the database reachable, how much mail and SMS waits. */
export async function loader() {
  try {
    const health = checkHealth(await appDeps());
    return Response.json(
      { status: "ok", ...health },
      { headers: { "Cache-Control": "no-store" } },
    );
  } catch (error) {
    return Response.json(
      { status: "error", database: "unreachable", error: (error as Error).message },
      { status: 503, headers: { "Cache-Control": "no-store" } },
    );
  }
}
