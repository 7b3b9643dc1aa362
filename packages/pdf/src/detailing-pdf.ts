import { deflateSync } from "node:zlib";
import { PDFDocument, type PDFFont, type PDFName, type PDFPage, type RGB } from "pdf-lib";
import { embedFonts } from "./fonts.ts";
import { A4, type Align, baselineOf, colors, fitLine, lineHeight, PageCanvas, type TextStyle, textWidth } from "./layout.ts";

/**
 * Call details for reading and printing: per line a table of its calls, SMS and data sessions with
 * the line's totals per kind, then the file's totals. Every page has a header (title, company,
 * period) and a footer (when produced, page x of y); a line's table continues across pages under
 * its number and the column heads again. Everything arrives formatted: this renders, it decides
 * nothing (no database, no locale rules).
 */
export interface DetailingPdfData {
  texts: {
    title: string;
    company: string;
    period: string;
    generatedAt: string;
    /** The table's column heads: time, kind, other party, duration or volume, charge. */
    columns: [string, string, string, string, string];
    employee: string;
    department: string;
    /** "(continued)" after a line's heading on the pages its table runs on to. */
    continued: string;
    lineTotal: string;
    grandTotal: string;
    rows: string;
    noUsage: string;
    page: (page: number, pages: number) => string;
  };
  companyName: string;
  /** e.g. "01.06.2026 — 25.11.2026 (Asia/Yekaterinburg)". */
  periodText: string;
  generatedAtText: string;
  lines: DetailingPdfLine[];
  /** Per kind for the whole file, then the file's total as `total`. */
  totals: DetailingPdfTotal[];
  total: DetailingPdfTotal;
}

export interface DetailingPdfLine {
  number: string;
  employee: string;
  department: string;
  rows: DetailingPdfRow[];
  totals: DetailingPdfTotal[];
  total: DetailingPdfTotal;
}

/** One event: time, kind, other party, duration or volume, charge. */
export type DetailingPdfRow = [string, string, string, string, string];

export interface DetailingPdfTotal {
  label: string;
  /** How many events, formatted. */
  count: string;
  charge: string;
}

const MARGIN = { top: 34, bottom: 34, x: 36 } as const;
const WIDTH = A4.width - 2 * MARGIN.x;
/** Column widths (they add up to WIDTH) and alignment: numbers right, so that digits line up. */
const COLUMNS: { width: number; align: Align }[] = [
  { width: 96, align: "left" },
  { width: 150, align: "left" },
  { width: 121, align: "left" },
  { width: 76, align: "right" },
  { width: WIDTH - 96 - 150 - 121 - 76, align: "right" },
];
const CELL_PAD = 4;
const LINE_HEADING_HEIGHT = 30;
const ROW_HEIGHT = 13;
const HEADER_HEIGHT = 36;
const FOOTER_HEIGHT = 20;
const BODY_TOP = MARGIN.top + HEADER_HEIGHT;
const BODY_BOTTOM = A4.height - MARGIN.bottom - FOOTER_HEIGHT;

interface Styles {
  title: TextStyle;
  head: TextStyle;
  small: TextStyle;
  lineHeading: TextStyle;
  lineSub: TextStyle;
  cell: TextStyle;
  cellBold: TextStyle;
  columnHead: TextStyle;
}

export async function renderDetailingPdf(data: DetailingPdfData): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(`${data.texts.title} — ${data.companyName}`);
  doc.setSubject(data.periodText);
  doc.setProducer("corporate cabinet");
  doc.setCreator("corporate cabinet");
  const fonts = await embedFonts(doc);
  const s: Styles = {
    title: { font: fonts.bold, size: 10.5, color: colors.ink },
    head: { font: fonts.regular, size: 8, color: colors.muted },
    small: { font: fonts.regular, size: 7, color: colors.muted },
    lineHeading: { font: fonts.bold, size: 10, color: colors.ink },
    lineSub: { font: fonts.regular, size: 8, color: colors.muted },
    cell: { font: fonts.regular, size: 8, color: colors.ink },
    cellBold: { font: fonts.bold, size: 8, color: colors.ink },
    columnHead: { font: fonts.bold, size: 7.5, color: colors.ink },
  };
  const flow = new PageFlow(doc, data, s);

  if (data.lines.length === 0) {
    flow.need(ROW_HEIGHT * 2);
    flow.canvas.text(data.texts.noUsage, MARGIN.x, flow.top, s.cell);
    flow.top += ROW_HEIGHT * 2;
  }
  for (const line of data.lines) {
    // A heading is never left alone at a page's foot: it needs its column heads and a row after it.
    flow.need(LINE_HEADING_HEIGHT + ROW_HEIGHT * 3);
    drawLineHeading(flow, line, s, false);
    drawColumnHeads(flow, data, s);
    line.rows.forEach((row, i) => {
      if (!flow.fits(ROW_HEIGHT)) {
        flow.newPage();
        drawLineHeading(flow, line, s, true);
        drawColumnHeads(flow, data, s);
      }
      // Every other row shaded: a printed row is followed across the page without a ruler.
      if (i % 2 === 1) flow.raw.fill(MARGIN.x, flow.top, WIDTH, ROW_HEIGHT, colors.cellFill);
      let x = MARGIN.x;
      COLUMNS.forEach((column, c) => {
        const text = fitLine(row[c] ?? "", s.cell, column.width - 2 * CELL_PAD);
        flow.raw.text(text, column.align === "right" ? x + column.width - CELL_PAD : x + CELL_PAD, flow.top, s.cell, column.align);
        x += column.width;
      });
      flow.top += ROW_HEIGHT;
    });
    drawTotals(flow, line.totals, line.total, `${data.texts.lineTotal} ${line.number}`, s);
    flow.top += ROW_HEIGHT;
  }
  if (data.lines.length > 0) {
    flow.need(ROW_HEIGHT * (data.totals.length + 3));
    flow.canvas.text(data.texts.grandTotal, MARGIN.x, flow.top, s.lineHeading);
    flow.top += lineHeight(s.lineHeading) + 2;
    drawTotals(flow, data.totals, data.total, data.texts.grandTotal, s);
  }
  flow.finish();
  await fonts.embed();
  return doc.save({ useObjectStreams: true });
}

/**
 * The rows of a page as one raw content stream, written as text and deflated when the page is
 * done. pdf-lib's drawText keeps a dozen operator objects per call until the document is saved:
 * 20,000 rows of five cells held 370 MB and took 15 s; as a stream per page they are a string each.
 */
class RawPageContent {
  private readonly ops: string[] = [];
  private readonly fontKeys = new Map<PDFFont, PDFName>();

  constructor(private readonly page: PDFPage) {}

  fill(x: number, top: number, width: number, height: number, color: RGB): void {
    this.ops.push(`${rgbOf(color)} rg ${num(x)} ${num(this.page.getHeight() - top - height)} ${num(width)} ${num(height)} re f`);
  }

  /** The same placement as PageCanvas.text: `x` is the left, right or centre edge per `align`. */
  text(text: string, x: number, top: number, style: TextStyle, align: Align): void {
    if (!text) return;
    const width = align === "left" ? 0 : textWidth(text, style);
    const left = align === "left" ? x : align === "right" ? x - width : x - width / 2;
    let key = this.fontKeys.get(style.font);
    if (!key) {
      key = this.page.node.newFontDictionary(style.font.name, style.font.ref);
      this.fontKeys.set(style.font, key);
    }
    const y = this.page.getHeight() - baselineOf(top, style);
    this.ops.push(`BT ${rgbOf(style.color)} rg ${key.toString()} ${num(style.size)} Tf 1 0 0 1 ${num(left)} ${num(y)} Tm ${style.font.encodeText(text).toString()} Tj ET`);
  }

  /** Adds the stream to the page (drawn over what pdf-lib drew there). */
  finish(doc: PDFDocument): void {
    if (this.ops.length === 0) return;
    const bytes = deflateSync(Buffer.from(`q\n${this.ops.join("\n")}\nQ\n`, "latin1"));
    this.page.node.addContentStream(doc.context.register(doc.context.stream(bytes, { Filter: "FlateDecode" })));
    this.ops.length = 0;
  }
}

const num = (n: number) => (Math.round(n * 100) / 100).toString();
const rgbOf = (color: RGB) => `${num(color.red)} ${num(color.green)} ${num(color.blue)}`;

class PageFlow {
  readonly pages: PageCanvas[] = [];
  canvas!: PageCanvas;
  raw!: RawPageContent;
  top = BODY_TOP;

  constructor(
    private readonly doc: PDFDocument,
    readonly data: DetailingPdfData,
    private readonly s: Styles,
  ) {
    this.newPage();
  }

  fits(height: number): boolean {
    return this.top + height <= BODY_BOTTOM;
  }

  need(height: number): void {
    if (!this.fits(height)) this.newPage();
  }

  newPage(): void {
    this.raw?.finish(this.doc);
    const page = this.doc.addPage([A4.width, A4.height]);
    this.canvas = new PageCanvas(page);
    this.raw = new RawPageContent(page);
    this.pages.push(this.canvas);
    this.top = BODY_TOP;
    const { s, data } = this;
    const c = this.canvas;
    c.text(fitLine(data.texts.title, s.title, WIDTH), MARGIN.x, MARGIN.top, s.title);
    c.text(fitLine(`${data.texts.company}: ${data.companyName}`, s.head, WIDTH * 0.52), MARGIN.x, MARGIN.top + 15, s.head);
    c.text(fitLine(`${data.texts.period}: ${data.periodText}`, s.head, WIDTH * 0.46), MARGIN.x + WIDTH, MARGIN.top + 15, s.head, "right");
    c.hline(MARGIN.x, MARGIN.x + WIDTH, MARGIN.top + HEADER_HEIGHT - 8, { color: colors.rule });
  }

  /** Footers last: only now is the number of pages known. */
  finish(): void {
    this.raw.finish(this.doc);
    const { s, data } = this;
    this.pages.forEach((c, i) => {
      const top = A4.height - MARGIN.bottom - FOOTER_HEIGHT + 6;
      c.hline(MARGIN.x, MARGIN.x + WIDTH, top, { color: colors.guide });
      const pageText = data.texts.page(i + 1, this.pages.length);
      c.text(pageText, MARGIN.x + WIDTH, top + 3, s.small, "right");
      c.text(fitLine(`${data.texts.generatedAt}: ${data.generatedAtText} · ${data.companyName}`, s.small, WIDTH - textWidth(pageText, s.small) - 20), MARGIN.x, top + 3, s.small);
    });
  }
}

function drawLineHeading(flow: PageFlow, line: DetailingPdfLine, s: Styles, continued: boolean): void {
  const data = flow.data;
  const heading = continued ? `${line.number} ${data.texts.continued}` : line.number;
  flow.canvas.text(heading, MARGIN.x, flow.top, s.lineHeading);
  const who = [line.employee && `${data.texts.employee}: ${line.employee}`, line.department && `${data.texts.department}: ${line.department}`].filter(Boolean).join(" · ");
  if (who) flow.canvas.text(fitLine(who, s.lineSub, WIDTH), MARGIN.x, flow.top + 14, s.lineSub);
  flow.top += LINE_HEADING_HEIGHT;
}

function drawColumnHeads(flow: PageFlow, data: DetailingPdfData, s: Styles): void {
  flow.canvas.rect(MARGIN.x, flow.top, WIDTH, ROW_HEIGHT + 2, { fill: colors.cellFill });
  drawCells(flow, data.texts.columns, s.columnHead, 1);
  flow.canvas.hline(MARGIN.x, MARGIN.x + WIDTH, flow.top + ROW_HEIGHT + 2, { color: colors.rule });
  flow.top += ROW_HEIGHT + 2;
}

function drawCells(flow: PageFlow, cells: readonly string[], style: TextStyle, offset = 0): void {
  let x = MARGIN.x;
  COLUMNS.forEach((column, i) => {
    const text = fitLine(cells[i] ?? "", style, column.width - 2 * CELL_PAD);
    const at = column.align === "right" ? x + column.width - CELL_PAD : x + CELL_PAD;
    flow.canvas.text(text, at, flow.top + offset, style, column.align);
    x += column.width;
  });
}

/** Per kind, then the total in bold: label under the kind column, count and charge on the right. */
function drawTotals(flow: PageFlow, totals: DetailingPdfTotal[], total: DetailingPdfTotal, totalLabel: string, s: Styles): void {
  flow.need(ROW_HEIGHT * (totals.length + 1) + 4);
  flow.canvas.hline(MARGIN.x, MARGIN.x + WIDTH, flow.top, { color: colors.rule });
  flow.top += 2;
  // The label spans the first three columns: "Line total +7 912 345-67-89" is longer than a kind.
  const labelWidth = (COLUMNS[0]?.width ?? 0) + (COLUMNS[1]?.width ?? 0) + (COLUMNS[2]?.width ?? 0) - 2 * CELL_PAD;
  const row = (t: DetailingPdfTotal, label: string, style: TextStyle) => {
    drawCells(flow, ["", "", "", t.count, t.charge], style);
    flow.canvas.text(fitLine(label, style, labelWidth), MARGIN.x + CELL_PAD, flow.top, style);
    flow.top += ROW_HEIGHT;
  };
  for (const t of totals) row(t, t.label, s.cell);
  row(total, totalLabel, s.cellBold);
}
