import type { Db } from "../db/open-database.ts";
import { regions, tariffs } from "../db/schema.ts";
import { regionCatalogue } from "../regions/region-catalogue.ts";

/** Tariffs every region offers in the demo; prices in kopecks. */
export const demoTariffs = [
  { code: "biz-start", nameRu: "Бизнес Старт", nameEn: "Business Start", monthlyFee: 45_000, includedMinutes: 300, includedSms: 100, includedMb: 5_120, pricePerMinute: 250, pricePerSms: 200, pricePerMb: 50 },
  { code: "biz-pro", nameRu: "Бизнес Про", nameEn: "Business Pro", monthlyFee: 90_000, includedMinutes: 1_000, includedSms: 300, includedMb: 20_480, pricePerMinute: 200, pricePerSms: 150, pricePerMb: 30 },
  { code: "biz-unlim", nameRu: "Бизнес Безлимит", nameEn: "Business Unlimited", monthlyFee: 180_000, includedMinutes: 5_000, includedSms: 1_000, includedMb: 102_400, pricePerMinute: 100, pricePerSms: 100, pricePerMb: 10 },
];

/** Regions and tariffs: the operator's reference data. Safe to run on every start. */
export function seedReferenceData(db: Db): void {
  db.$client.transaction(() => {
    db.insert(regions).values(regionCatalogue).onConflictDoNothing().run();
    for (const region of regionCatalogue) {
      db.insert(tariffs)
        .values(demoTariffs.map((t) => ({ ...t, regionCode: region.code })))
        .onConflictDoNothing()
        .run();
    }
  })();
}
