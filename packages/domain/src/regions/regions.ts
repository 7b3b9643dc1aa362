import { asc, eq } from "drizzle-orm";
import type { Deps } from "../deps.ts";
import { regions } from "../db/schema.ts";

export type Region = typeof regions.$inferSelect;

function withOfficeOverride(deps: Deps, region: Region): Region {
  const override = deps.config.officeEmailOverrides[region.code];
  return override ? { ...region, officeEmail: override } : region;
}

export function listRegions(deps: Deps): Region[] {
  return deps.db
    .select()
    .from(regions)
    .orderBy(asc(regions.sortOrder))
    .all()
    .map((region) => withOfficeOverride(deps, region));
}

export function findRegion(deps: Deps, code: string): Region | undefined {
  const region = deps.db.select().from(regions).where(eq(regions.code, code)).get();
  return region && withOfficeOverride(deps, region);
}
