import { parse } from "csv-parse/sync";
import { DomainError } from "../errors.ts";
import { decodeEmployeeFile } from "../lines/employee-file.ts";
import { sniffDelimiter } from "../shared/csv-delimiter.ts";
import { foldText } from "../shared/text-folding.ts";

/** 10 MB: well over 100,000 numbers with a name or two beside each. */
export const NUMBER_FILE_MAX_BYTES = 10 * 1024 * 1024;
/** What a pasted list may hold (the text field's limit). */
export const NUMBER_TEXT_MAX_CHARS = 200_000;
/** More entries than any company has lines: not a list someone means. */
export const NUMBER_LIST_MAX_ENTRIES = 200_000;

const numberHeaders = ["номер", "номер телефона", "абонентский номер", "телефон", "number", "msisdn", "phone", "phone number"];
/** What a person writes as a number: digits and the signs around them. */
const numberLike = /^[\d\s()+\-.]+$/;

/** One number of the list as written, with its row (1-based, as a spreadsheet counts). */
export interface NumberEntry {
  row: number;
  input: string;
}

/**
 * The numbers of a pasted list or an uploaded file. A file is decoded as the employee file is
 * (UTF-8, else Windows-1251) and read as CSV with `;` or `,`. With a header naming the number column
 * (Номер, Телефон, Number…) only that column counts; without one, the first column and every other
 * cell that looks like a number, so that a list written one per row, or several per row separated
 * by `;` or `,`, reads as people meant it, and a name beside a number is not taken for a bad number.
 */
export function readNumberList(input: { text: string } | { bytes: Uint8Array }): { entries: NumberEntry[]; encoding: "utf-8" | "windows-1251" } {
  let text: string;
  let encoding: "utf-8" | "windows-1251" = "utf-8";
  if ("bytes" in input) {
    if (input.bytes.byteLength === 0) throw new DomainError("invalid", "empty file", { file: { code: "required" } });
    if (input.bytes.byteLength > NUMBER_FILE_MAX_BYTES) throw new DomainError("invalid", "file too large", { file: { code: "bulk.file.tooLarge" } });
    ({ text, encoding } = decodeEmployeeFile(input.bytes));
  } else {
    text = input.text;
  }
  const field = "bytes" in input ? "file" : "numbers";
  let records: string[][];
  try {
    records = parse(text, { delimiter: sniffDelimiter(text), bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: false, trim: false });
  } catch {
    throw new DomainError("invalid", "not a CSV file", { [field]: { code: "bulk.file.malformed" } });
  }
  const tidy = (cell: string | undefined) => (cell ?? "").replace(/\s+/g, " ").trim();
  const head = (records[0] ?? []).map((cell) => foldText(tidy(cell)));
  const numberColumn = head.findIndex((cell) => numberHeaders.includes(cell));
  const entries: NumberEntry[] = [];
  for (let i = numberColumn >= 0 ? 1 : 0; i < records.length; i++) {
    const record = records[i] as string[];
    // Without a header a cell may still hold several numbers separated by the other sign
    // (`+7 912 …, 8 912 …` in a `;` list): no number is written with either.
    const cells = numberColumn >= 0 ? [record[numberColumn]] : record.flatMap((cell, column) => (cell ?? "").split(/[,;]/).map((part) => ({ part, column })));
    cells.forEach((cell) => {
      const { part, column } = typeof cell === "object" ? cell : { part: cell, column: 0 };
      const value = tidy(part);
      if (value === "") return;
      if (numberColumn < 0 && column > 0 && !numberLike.test(value)) return;
      entries.push({ row: i + 1, input: value.slice(0, 100) });
    });
    if (entries.length > NUMBER_LIST_MAX_ENTRIES) throw new DomainError("invalid", "too many numbers", { [field]: { code: "bulk.numbers.tooMany", params: { max: String(NUMBER_LIST_MAX_ENTRIES) } } });
  }
  if (entries.length === 0) throw new DomainError("invalid", "no numbers", { [field]: { code: "bulk.numbers.none" } });
  return { entries, encoding };
}
