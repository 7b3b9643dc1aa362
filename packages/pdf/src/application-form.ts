import { PDFDocument } from "pdf-lib";
import { fieldRow, fieldTable, type FieldRowLayout, type FieldRowSpec, type FieldTableStyle } from "./field-table.ts";
import { embedFonts } from "./fonts.ts";
import {
  addressRow,
  blankVerificationBlock,
  headerBand,
  makeStyles,
  pageFooter,
  referenceBlock,
  signatureBlock,
  statementBlock,
  titleBlock,
  verificationBlock,
  type FormStyles,
} from "./form-sections.ts";
import {
  A4,
  colors,
  paragraph,
  PageCanvas,
  spacer,
  stack,
  writingLines,
  type Block,
  type TextStyle,
} from "./layout.ts";
import { blankNumberLines, largestFitting, numberGrid } from "./number-grid.ts";
import { DOCUMENT_KIND, FIELD_LABELS, METADATA, NUMBERS, PRODUCT_NAME, REFERENCE, TITLE } from "./texts.ts";
import type { ApplicationFormData, FormRegion } from "./types.ts";

/** Renders a filled access application (one A4 page; more only if the numbers do not fit). */
export async function renderApplicationPdf(data: ApplicationFormData): Promise<Uint8Array> {
  return renderForm({
    reference: { number: data.reference, date: data.issuedOn },
    region: data.region,
    values: {
      companyName: data.companyName,
      ownerName: data.ownerName,
      accountNumber: data.accountNumber,
      numbers: data.numbers,
      contactNumber: data.contactNumber,
      email: data.email,
      representativeName: data.representativeName,
    },
    verification: { code: data.verificationCode, url: data.verificationUrl },
  });
}

/** Renders the empty form to fill by hand, addressed to the region's office if one is given. */
export async function renderBlankApplicationPdf(region?: FormRegion): Promise<Uint8Array> {
  return renderForm({ reference: null, region: region ?? null, values: null, verification: null });
}

// ---------------------------------------------------------------------------------------------

/** What one rendering shows; `null` parts are printed as blanks. */
interface FormView {
  reference: { number: string; date: string } | null;
  region: FormRegion | null;
  values: {
    companyName: string;
    ownerName: string;
    accountNumber: string;
    numbers: string[];
    contactNumber: string;
    email: string;
    representativeName: string;
  } | null;
  verification: { code: string; url: string } | null;
}

const MARGIN = { top: 36, bottom: 30, x: 42 } as const;
const WIDTH = A4.width - 2 * MARGIN.x;
const GAP = 14;

/** Font sizes tried for the list of numbers, beside the label first, then across the table. */
const NUMBER_LAYOUTS: { layout: FieldRowLayout; size: number }[] = [
  { layout: "side", size: 10 },
  { layout: "side", size: 9 },
  { layout: "stacked", size: 9 },
  { layout: "side", size: 8 },
  { layout: "stacked", size: 8 },
  { layout: "stacked", size: 7.5 },
  { layout: "stacked", size: 7 },
];
const CONTINUATION_SIZES = [9, 8, 7];

function tableStyle(s: FormStyles): FieldTableStyle {
  return {
    labelRu: s.labelRu,
    labelEn: s.labelEn,
    note: { ...s.labelEn, color: colors.ink },
    labelWidth: 170,
    padX: 7,
    padY: 5,
    minRowHeight: 28,
  };
}

interface PageContent {
  /** Document flow from the top margin. */
  body: Block;
  /** Block anchored just above the footer (verification box on page 1). */
  bottom: Block | null;
}

async function renderForm(view: FormView): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  setMetadata(doc, view);
  const fonts = await embedFonts(doc);
  const s = makeStyles(fonts);
  const pages = planPages(view, s);

  const footerCaption = view.reference
    ? `${PRODUCT_NAME.ru} · ${TITLE.ru} ${REFERENCE.number} ${view.reference.number} ${REFERENCE.dated} ${view.reference.date}`
    : `${PRODUCT_NAME.ru} · ${DOCUMENT_KIND.ru}`;
  pages.forEach((content, i) => {
    const canvas = new PageCanvas(doc.addPage([A4.width, A4.height]));
    content.body.draw(canvas, MARGIN.x, MARGIN.top);
    const footer = pageFooter(s, WIDTH, footerCaption, i + 1, pages.length);
    const footerTop = A4.height - MARGIN.bottom - footer.height;
    footer.draw(canvas, MARGIN.x, footerTop);
    if (content.bottom) content.bottom.draw(canvas, MARGIN.x, footerTop - GAP - content.bottom.height);
  });
  await fonts.embed();
  return doc.save();
}

/** Height of the flow area of a page given what is anchored at its bottom. */
function flowHeight(s: FormStyles, bottom: Block | null): number {
  const footer = pageFooter(s, WIDTH, "", 1, 1).height;
  return A4.height - MARGIN.top - MARGIN.bottom - footer - GAP - (bottom ? bottom.height + GAP : 0);
}

function planPages(view: FormView, s: FormStyles): PageContent[] {
  const ts = tableStyle(s);
  const bottom = view.verification
    ? verificationBlock(s, view.verification, WIDTH)
    : blankVerificationBlock(s, WIDTH);
  const maxHeight = flowHeight(s, bottom);

  const head = stack([
    headerBand(s, WIDTH),
    spacer(GAP),
    addressRow(s, view.region, referenceBlock(s, view.reference), WIDTH),
    spacer(GAP + 4),
    titleBlock(s, WIDTH),
    spacer(GAP - 2),
  ]);
  const tail = stack([spacer(GAP), statementBlock(s, WIDTH), spacer(GAP + 2), signatureBlock(s, WIDTH)]);
  const page1 = (numbersRow: FieldRowSpec): Block =>
    stack([head, fieldTable(fieldRows(view, s, numbersRow).map((r) => fieldRow(r, ts, WIDTH)), WIDTH), tail]);

  const numbers = view.values?.numbers ?? null;
  if (numbers === null) {
    return [{ body: page1(blankNumbersRow(s)), bottom }];
  }

  // 1) The whole list on page 1, largest font first.
  for (const { layout, size } of NUMBER_LAYOUTS) {
    const body = page1(numbersRow(s, numbers, numbers.length, layout, size, null));
    if (body.height <= maxHeight) return [{ body, bottom }];
  }

  // 2) As many as fit on page 1 at the smallest size, the rest on continuation pages.
  const smallest = NUMBER_LAYOUTS[NUMBER_LAYOUTS.length - 1]!;
  const build1 = (k: number) =>
    page1(numbersRow(s, numbers.slice(0, k), numbers.length, smallest.layout, smallest.size, 2));
  const onFirst = largestFitting(numbers.length, build1, maxHeight);
  const pages: PageContent[] = [{ body: build1(onFirst), bottom }];
  let rest = numbers.slice(onFirst);
  while (rest.length > 0) {
    const taken = continuationPage(view, s, rest, pages.length + 1);
    pages.push({ body: taken.body, bottom: null });
    rest = rest.slice(taken.count);
  }
  return pages;
}

function fieldRows(view: FormView, s: FormStyles, numbersRow: FieldRowSpec): FieldRowSpec[] {
  const v = view.values;
  const text = (value: string | undefined) => (width: number) =>
    v ? paragraph(value ?? "", s.value, width) : writingLines(width, 1, 18);
  const region = view.region;
  const regionText = region
    ? region.nameEn && region.nameEn !== region.nameRu
      ? `${region.nameRu} / ${region.nameEn}`
      : region.nameRu
    : "";
  return [
    // The region is printed on a blank form too when it is known.
    {
      label: FIELD_LABELS.region,
      value: (w) => (region ? paragraph(regionText, s.value, w) : writingLines(w, 1, 18)),
    },
    { label: FIELD_LABELS.company, value: text(v?.companyName) },
    { label: FIELD_LABELS.owner, value: text(v?.ownerName) },
    { label: FIELD_LABELS.account, value: text(v?.accountNumber) },
    numbersRow,
    { label: FIELD_LABELS.contact, value: text(v?.contactNumber) },
    { label: FIELD_LABELS.email, value: text(v?.email) },
    { label: FIELD_LABELS.representative, value: text(v?.representativeName) },
  ];
}

/**
 * The numbers row showing `shown` (a prefix of the list) out of `total` numbers;
 * `continuedOnPage` adds a note that the list goes on.
 */
function numbersRow(
  s: FormStyles,
  shown: string[],
  total: number,
  layout: FieldRowLayout,
  size: number,
  continuedOnPage: number | null,
): FieldRowSpec {
  const style: TextStyle = { ...s.value, size, leading: 1.3 };
  return {
    label: FIELD_LABELS.numbers,
    note: NUMBERS.total(total),
    layout,
    value: (width) =>
      stack(
        [
          numberGrid(shown, style, width),
          continuedOnPage === null ? spacer(0) : paragraph(NUMBERS.continuedOn(continuedOnPage), s.english, width),
        ],
        3,
      ),
  };
}

function blankNumbersRow(s: FormStyles): FieldRowSpec {
  return {
    label: FIELD_LABELS.numbers,
    value: (width) =>
      stack([
        blankNumberLines(width, 4, 3, 20),
        spacer(4),
        paragraph(`${NUMBERS.blankHint.ru} / ${NUMBERS.blankHint.en}`, s.small, width),
      ]),
  };
}

/** A page continuing the list of numbers; returns how many numbers it holds. */
function continuationPage(view: FormView, s: FormStyles, numbers: string[], page: number): { body: Block; count: number } {
  const ts = tableStyle(s);
  const maxHeight = flowHeight(s, null);
  const ref = view.reference;
  const head = stack([
    headerBand(s, WIDTH),
    spacer(GAP),
    ref ? paragraph(NUMBERS.continuationOf(ref.number, ref.date), s.bodyBold, WIDTH) : spacer(0),
    spacer(GAP - 4),
  ]);
  const build = (shown: string[], size: number, continued: boolean) =>
    stack([
      head,
      fieldTable(
        [
          fieldRow(
            {
              label: NUMBERS.continuationTitle,
              layout: "stacked",
              value: (width) =>
                stack(
                  [
                    numberGrid(shown, { ...s.value, size }, width),
                    continued ? paragraph(NUMBERS.continuedOn(page + 1), s.english, width) : spacer(0),
                  ],
                  3,
                ),
            },
            ts,
            WIDTH,
          ),
        ],
        WIDTH,
      ),
    ]);

  for (const size of CONTINUATION_SIZES) {
    const body = build(numbers, size, false);
    if (body.height <= maxHeight) return { body, count: numbers.length };
  }
  const size = CONTINUATION_SIZES[CONTINUATION_SIZES.length - 1]!;
  const count = Math.max(1, largestFitting(numbers.length, (k) => build(numbers.slice(0, k), size, true), maxHeight));
  return { body: build(numbers.slice(0, count), size, true), count };
}

function setMetadata(doc: PDFDocument, view: FormView): void {
  // Only the reference identifies the application here: no names, numbers or e-mails.
  doc.setTitle(view.reference ? `${TITLE.ru} ${REFERENCE.number} ${view.reference.number}` : `${TITLE.ru} (бланк)`);
  doc.setSubject(METADATA.subject);
  doc.setCreator(METADATA.creator);
  doc.setProducer(METADATA.creator);
  doc.setKeywords(METADATA.keywords);
  doc.setLanguage("ru-RU");
  // Same data → same bytes: a filled form carries the day it was issued, the blank its edition (not
  // the moment of the download, which pdf-lib would write otherwise).
  const dated = view.reference ? (parseDate(view.reference.date) ?? BLANK_FORM_EDITION) : BLANK_FORM_EDITION;
  doc.setCreationDate(dated);
  doc.setModificationDate(dated);
}

/** The blank form's edition: the day its wording last changed. */
const BLANK_FORM_EDITION = new Date(Date.UTC(2026, 10, 1, 12));

/** "25.11.2026" → noon UTC of that day (the form only knows the date). */
function parseDate(ddmmyyyy: string): Date | null {
  const m = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(ddmmyyyy.trim());
  if (!m) return null;
  const date = new Date(Date.UTC(Number(m[3]), Number(m[2]) - 1, Number(m[1]), 12));
  return Number.isNaN(date.getTime()) ? null : date;
}
