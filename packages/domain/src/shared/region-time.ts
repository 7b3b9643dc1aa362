import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";

/** The calendar date of an instant in a region's time zone, as Russians write it: `25.11.2026`. */
export function formatRegionDate(at: Date, timeZone: string): string {
  return format(new TZDate(at.getTime(), timeZone), "dd.MM.yyyy");
}

export function formatRegionDateTime(at: Date, timeZone: string): string {
  return format(new TZDate(at.getTime(), timeZone), "dd.MM.yyyy HH:mm");
}

export function regionYear(at: Date, timeZone: string): number {
  return new TZDate(at.getTime(), timeZone).getFullYear();
}
