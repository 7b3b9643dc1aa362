import type { LineStatus } from "@cabinet/domain";

/** One row of the lines list as the page shows it: formatted on the server, in the reader's language. */
export interface LineRowView {
  id: number;
  msisdn: string;
  employeeName: string | null;
  department: string | null;
  tariff: string;
  status: LineStatus;
  spending: string;
}
