import type { Db } from "../db/open-database.ts";
import { DomainError } from "../errors.ts";
import type { BulkChangeTarget, BulkRefusalReason } from "./bulk-change-types.ts";

interface CatalogueTariff {
  id: number;
  code: string;
  monthlyFee: number;
  archived: boolean;
  /** The services this tariff allows. */
  allows: Set<number>;
}

interface CatalogueService {
  id: number;
  code: string;
  monthlyFee: number;
  archived: boolean;
}

/** A region's tariffs and services with their fees and which services each tariff allows. */
export interface RegionCatalogue {
  tariffs: Map<number, CatalogueTariff>;
  services: Map<number, CatalogueService>;
}

export function loadRegionCatalogue(db: Db, regionCode: string): RegionCatalogue {
  const sqlite = db.$client;
  const tariffs = new Map<number, CatalogueTariff>();
  for (const t of sqlite.prepare("select id, code, monthly_fee, archived from tariffs where region_code = ?").all(regionCode) as {
    id: number;
    code: string;
    monthly_fee: number;
    archived: number;
  }[]) {
    tariffs.set(t.id, { id: t.id, code: t.code, monthlyFee: t.monthly_fee, archived: t.archived !== 0, allows: new Set() });
  }
  const services = new Map<number, CatalogueService>();
  for (const s of sqlite.prepare("select id, code, monthly_fee, archived from services where region_code = ?").all(regionCode) as {
    id: number;
    code: string;
    monthly_fee: number;
    archived: number;
  }[]) {
    services.set(s.id, { id: s.id, code: s.code, monthlyFee: s.monthly_fee, archived: s.archived !== 0 });
  }
  for (const pair of sqlite
    .prepare("select ts.tariff_id, ts.service_id from tariff_services ts join tariffs t on t.id = ts.tariff_id where t.region_code = ?")
    .all(regionCode) as { tariff_id: number; service_id: number }[]) {
    tariffs.get(pair.tariff_id)?.allows.add(pair.service_id);
  }
  return { tariffs, services };
}

/** A target checked against the region's catalogue. */
export interface ResolvedTarget {
  tariffId: number | null;
  servicesOn: number[];
  servicesOff: number[];
}

/**
 * The target as the catalogue of the actor's region offers it: a tariff or a service of another
 * region, archived or unknown is refused as a field message, as is a target that changes nothing
 * or switches one service both on and off.
 */
export function resolveTarget(catalogue: RegionCatalogue, target: BulkChangeTarget): ResolvedTarget {
  const tariffId = target.tariffId ?? null;
  const servicesOn = [...new Set(target.servicesOn ?? [])].sort((a, b) => a - b);
  const servicesOff = [...new Set(target.servicesOff ?? [])].sort((a, b) => a - b);
  if (tariffId != null) {
    const tariff = catalogue.tariffs.get(tariffId);
    if (!tariff || tariff.archived) throw new DomainError("invalid", "tariff not offered", { tariffId: { code: "bulk.tariff.notOffered" } });
  }
  for (const id of [...servicesOn, ...servicesOff]) {
    const service = catalogue.services.get(id);
    if (!service || (service.archived && servicesOn.includes(id))) {
      throw new DomainError("invalid", "service not offered", { services: { code: "bulk.service.notOffered" } });
    }
  }
  if (servicesOn.some((id) => servicesOff.includes(id))) throw new DomainError("invalid", "a service both on and off", { services: { code: "bulk.services.conflict" } });
  if (tariffId == null && servicesOn.length === 0 && servicesOff.length === 0) {
    throw new DomainError("invalid", "nothing to change", { tariffId: { code: "bulk.target.empty" } });
  }
  return { tariffId, servicesOn, servicesOff };
}

/** A line as planning needs it: its tariff, its services (ids, ascending) and its version. */
export interface LineState {
  id: number;
  msisdn: string;
  version: number;
  tariffId: number;
  blockMask: number;
  services: number[];
}

export type LinePlan =
  | { changes: true; tariffAfter: number; servicesAfter: number[]; feeBefore: number; feeAfter: number }
  | { changes: false; reason: BulkRefusalReason; service?: string; feeBefore: number };

/** The monthly fee of a tariff with services: the tariff's fee and each service's. */
export function monthlyFeeOf(catalogue: RegionCatalogue, tariffId: number, services: readonly number[]): number {
  let fee = catalogue.tariffs.get(tariffId)?.monthlyFee ?? 0;
  for (const id of services) fee += catalogue.services.get(id)?.monthlyFee ?? 0;
  return fee;
}

/**
 * What the target does to one line, or why it cannot: a blocked line is left alone; every service
 * the line would have must be allowed by the tariff it would have; a line already so changes
 * nothing. The one rule for the preview, the apply (which writes what the preview computed) and a
 * single line's change from its page.
 */
export function planLineChange(catalogue: RegionCatalogue, target: ResolvedTarget, line: LineState): LinePlan {
  const feeBefore = monthlyFeeOf(catalogue, line.tariffId, line.services);
  if (line.blockMask !== 0) return { changes: false, reason: "blocked", feeBefore };
  const tariffAfter = target.tariffId ?? line.tariffId;
  const after = new Set(line.services);
  for (const id of target.servicesOff) after.delete(id);
  for (const id of target.servicesOn) after.add(id);
  const servicesAfter = [...after].sort((a, b) => a - b);
  const allows = catalogue.tariffs.get(tariffAfter)?.allows;
  const notAllowed = servicesAfter.find((id) => !allows?.has(id));
  if (notAllowed !== undefined) return { changes: false, reason: "serviceNotAllowed", service: catalogue.services.get(notAllowed)?.code ?? String(notAllowed), feeBefore };
  if (tariffAfter === line.tariffId && servicesAfter.length === line.services.length && servicesAfter.every((id, i) => id === line.services[i])) {
    return { changes: false, reason: "alreadySo", feeBefore };
  }
  return { changes: true, tariffAfter, servicesAfter, feeBefore, feeAfter: monthlyFeeOf(catalogue, tariffAfter, servicesAfter) };
}

/** "3,5,8" ↔ [3, 5, 8]: a line's services as the preview stores them. */
export function servicesText(ids: readonly number[]): string {
  return ids.join(",");
}

export function servicesOfText(text: string | null): number[] {
  if (!text) return [];
  return text
    .split(",")
    .map(Number)
    .sort((a, b) => a - b);
}
