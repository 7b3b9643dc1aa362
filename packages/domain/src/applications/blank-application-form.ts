import { renderBlankApplicationPdfOffThread } from "@cabinet/pdf";
import type { Deps } from "../deps.ts";
import { findRegion } from "../regions/regions.ts";

/** The printable form with empty fields, addressed to a region's office when one is chosen. */
export async function renderBlankApplicationForm(deps: Deps, regionCode?: string | null) {
  const region = regionCode ? findRegion(deps, regionCode) : undefined;
  const bytes = await renderBlankApplicationPdfOffThread(
    region && {
      nameRu: region.nameRu,
      nameEn: region.nameEn,
      officeEmail: region.officeEmail,
      officePhone: region.officePhone,
    },
  );
  return { filename: region ? `zayavlenie-blank-${region.code}.pdf` : "zayavlenie-blank.pdf", bytes };
}
