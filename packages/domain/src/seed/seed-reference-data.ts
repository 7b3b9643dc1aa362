import { and, eq, inArray } from "drizzle-orm";
import { catalogueServices, catalogueTariffs, regionalService, regionalTariff } from "../catalogue/reference-catalogue.ts";
import type { Db } from "../db/open-database.ts";
import { regions, services, tariffServices, tariffs } from "../db/schema.ts";
import { regionCatalogue } from "../regions/region-catalogue.ts";

/**
 * Regions, and each region's tariffs and services with the services each tariff allows: the
 * operator's reference data. Safe to run on every start: what exists is left as it is.
 */
export function seedReferenceData(db: Db): void {
  db.$client.transaction(() => {
    db.insert(regions).values(regionCatalogue).onConflictDoNothing().run();
    for (const region of regionCatalogue) {
      db.insert(tariffs)
        .values(catalogueTariffs.map((t) => ({ ...regionalTariff(t, region.code), regionCode: region.code })))
        .onConflictDoNothing()
        .run();
      db.insert(services)
        .values(
          catalogueServices.map(({ tariffs: _allowedOn, ...s }) => ({ ...regionalService({ ...s, tariffs: "all" }, region.code), regionCode: region.code })),
        )
        .onConflictDoNothing()
        .run();
      const tariffIds = new Map(
        db
          .select({ id: tariffs.id, code: tariffs.code })
          .from(tariffs)
          .where(eq(tariffs.regionCode, region.code))
          .all()
          .map((t) => [t.code, t.id]),
      );
      const serviceRows = db
        .select({ id: services.id, code: services.code })
        .from(services)
        .where(and(eq(services.regionCode, region.code), inArray(services.code, catalogueServices.map((s) => s.code))))
        .all();
      const serviceIds = new Map(serviceRows.map((s) => [s.code, s.id]));
      const allowed = catalogueServices.flatMap((service) =>
        (service.tariffs === "all" ? catalogueTariffs.map((t) => t.code) : service.tariffs).flatMap((tariffCode) => {
          const tariffId = tariffIds.get(tariffCode);
          const serviceId = serviceIds.get(service.code);
          return tariffId && serviceId ? [{ tariffId, serviceId }] : [];
        }),
      );
      db.insert(tariffServices).values(allowed).onConflictDoNothing().run();
    }
  })();
}
