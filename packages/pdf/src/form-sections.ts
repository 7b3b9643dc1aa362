import type { FontSet } from "./fonts.ts";
import {
  clampLines,
  colors,
  fitLine,
  lineHeight,
  linesBlock,
  MM,
  paragraph,
  runsLine,
  runsWidth,
  stack,
  textWidth,
  wrapText,
  type Block,
  type TextStyle,
} from "./layout.ts";
import { drawQrCode, qrModules, QR_QUIET_ZONE_MODULES } from "./qr.ts";
import {
  ADDRESSEE,
  DOCUMENT_KIND,
  PAGE_NUMBER,
  PRODUCT_NAME,
  REFERENCE,
  SIGNATURE,
  STATEMENT,
  TITLE,
  VERIFICATION,
  type Bilingual,
} from "./texts.ts";
import type { FormRegion } from "./types.ts";

/** The building blocks of the application form, each measured for a given width. */

export interface FormStyles {
  body: TextStyle;
  bodyBold: TextStyle;
  value: TextStyle;
  english: TextStyle;
  small: TextStyle;
  tiny: TextStyle;
  title: TextStyle;
  titleEnglish: TextStyle;
  reference: TextStyle;
  labelRu: TextStyle;
  labelEn: TextStyle;
  code: TextStyle;
  band: TextStyle;
  bandSmall: TextStyle;
}

export function makeStyles({ regular, bold }: FontSet): FormStyles {
  return {
    body: { font: regular, size: 9, color: colors.ink, leading: 1.35 },
    bodyBold: { font: bold, size: 9, color: colors.ink, leading: 1.35 },
    value: { font: regular, size: 10, color: colors.ink, leading: 1.3 },
    english: { font: regular, size: 7.5, color: colors.muted, leading: 1.3 },
    small: { font: regular, size: 7, color: colors.muted, leading: 1.3 },
    tiny: { font: regular, size: 6.5, color: colors.faint, leading: 1.3 },
    title: { font: bold, size: 14, color: colors.ink, leading: 1.3 },
    titleEnglish: { font: regular, size: 8.5, color: colors.muted, leading: 1.3 },
    reference: { font: bold, size: 10.5, color: colors.ink, leading: 1.3 },
    labelRu: { font: regular, size: 8.5, color: colors.ink, leading: 1.25 },
    labelEn: { font: regular, size: 7, color: colors.muted, leading: 1.25 },
    code: { font: bold, size: 15, color: colors.ink, leading: 1.25 },
    band: { font: bold, size: 11.5, color: colors.bandText, leading: 1.2 },
    bandSmall: { font: regular, size: 7.5, color: colors.bandMuted, leading: 1.2 },
  };
}

/** "Русский / English" on one line when it fits, otherwise the English on its own line. */
function bilingualLabel(text: Bilingual, ru: TextStyle, en: TextStyle, width: number): Block {
  const runs = [
    { text: text.ru, style: ru },
    { text: ` / ${text.en}`, style: en },
  ];
  if (runsWidth(runs) <= width) return runsLine(runs, width);
  return stack([paragraph(text.ru, ru, width), paragraph(text.en, en, width)]);
}

const BAND_HEIGHT = 30;

/** Dark band with the product name (no operator name or logo). */
export function headerBand(s: FormStyles, width: number): Block {
  return {
    height: BAND_HEIGHT,
    draw(canvas, x, top) {
      canvas.rect(x, top, width, BAND_HEIGHT, { fill: colors.band });
      runsLine(
        [
          { text: PRODUCT_NAME.ru.toUpperCase(), style: s.band },
          { text: `   ${PRODUCT_NAME.en}`, style: s.bandSmall },
        ],
        width,
      ).draw(canvas, x + 12, top + (BAND_HEIGHT - lineHeight(s.band)) / 2);
      runsLine([{ text: `${DOCUMENT_KIND.ru} / ${DOCUMENT_KIND.en}`, style: s.bandSmall }], width - 24, "right").draw(
        canvas,
        x + 12,
        top + (BAND_HEIGHT - lineHeight(s.bandSmall)) / 2,
      );
    },
  };
}

export interface ReferenceBlock extends Block {
  width: number;
}

/** Top-right "№ URL-2026-000123 от 25.11.2026", or blank lines to fill in. */
export function referenceBlock(s: FormStyles, reference: { number: string; date: string } | null): ReferenceBlock {
  const caption = { ...s.small };
  if (reference) {
    const text = `${REFERENCE.number} ${reference.number} ${REFERENCE.dated} ${reference.date}`;
    const width = Math.max(textWidth(text, s.reference), textWidth(REFERENCE.en, caption));
    return {
      width,
      ...stack([
        linesBlock([text], s.reference, width, "right"),
        linesBlock([REFERENCE.en], caption, width, "right"),
      ]),
    };
  }
  const numberLine = 100;
  const dateLine = 72;
  const wNo = textWidth(`${REFERENCE.number} `, s.reference);
  const wOt = textWidth(` ${REFERENCE.dated} `, s.reference);
  const width = wNo + numberLine + wOt + dateLine;
  const lh = lineHeight(s.reference);
  const firstLine: Block = {
    height: lh + 4,
    draw(canvas, x, top) {
      const lineY = top + lh;
      canvas.text(`${REFERENCE.number} `, x, top + 4, s.reference);
      canvas.hline(x + wNo, x + wNo + numberLine, lineY + 2, { color: colors.ink });
      canvas.text(` ${REFERENCE.dated} `, x + wNo + numberLine, top + 4, s.reference);
      canvas.hline(x + wNo + numberLine + wOt, x + width, lineY + 2, { color: colors.ink });
    },
  };
  return { width, ...stack([firstLine, linesBlock([REFERENCE.en], caption, width, "right")]) };
}

/** "Куда: региональный офис …, e-mail, phone" with its English line; a blank line if no region. */
export function addresseeBlock(s: FormStyles, region: FormRegion | null, width: number): Block {
  const labelW = textWidth(`${ADDRESSEE.labelRu} `, s.bodyBold);
  const valueWidth = width - labelW;
  const valueText = region
    ? `${ADDRESSEE.officeRu(region.nameRu)}, ${region.officeEmail}, ${region.officePhone}`
    : "";
  const lines = region ? wrapText(valueText, s.body, valueWidth) : [];
  const lh = lineHeight(s.body);
  const valueHeight = region ? lines.length * lh : lh + 4;
  const english = paragraph(
    region ? `${ADDRESSEE.labelEn} ${ADDRESSEE.officeEn(region.nameEn)}` : `${ADDRESSEE.labelEn} ${ADDRESSEE.blankEn}`,
    s.small,
    width,
  );
  return {
    height: valueHeight + english.height,
    draw(canvas, x, top) {
      const firstTop = region ? top : top + 4;
      canvas.text(`${ADDRESSEE.labelRu} `, x, firstTop, s.bodyBold);
      if (region) {
        for (const [i, line] of lines.entries()) canvas.text(line, x + labelW, top + i * lh, s.body);
      } else {
        canvas.hline(x + labelW, x + width, top + lh + 2, { color: colors.ink });
      }
      english.draw(canvas, x, top + valueHeight);
    },
  };
}

/** Addressee on the left, reference on the right, top-aligned. */
export function addressRow(s: FormStyles, region: FormRegion | null, ref: ReferenceBlock, width: number): Block {
  const gutter = 24;
  const addressee = addresseeBlock(s, region, width - ref.width - gutter);
  return {
    height: Math.max(addressee.height, ref.height),
    draw(canvas, x, top) {
      addressee.draw(canvas, x, top);
      ref.draw(canvas, x + width - ref.width, top);
    },
  };
}

export function titleBlock(s: FormStyles, width: number): Block {
  return stack(
    [paragraph(TITLE.ru, s.title, width, "center"), paragraph(TITLE.en, s.titleEnglish, width, "center")],
    1,
  );
}

export function statementBlock(s: FormStyles, width: number): Block {
  return stack([paragraph(STATEMENT.ru, s.body, width), paragraph(STATEMENT.en, s.english, width)], 3);
}

/** Blank lines for initials, signature and date, and the stamp place. */
export function signatureBlock(s: FormStyles, width: number): Block {
  const heading = bilingualLabel(SIGNATURE.heading, s.bodyBold, s.english, width);
  const stampRadius = 25;
  const stampArea = 2 * stampRadius + 16;
  const gap = 20;
  const fields = [SIGNATURE.initials, SIGNATURE.signature, SIGNATURE.date];
  const widths = [0.36, 0.38, 0.26].map((f) => f * (width - stampArea - gap * (fields.length - 1)));
  const writingSpace = 26;
  const captions = fields.map((f, i) => bilingualLabel(f, s.labelRu, s.labelEn, widths[i]!));
  const captionHeight = Math.max(...captions.map((c) => c.height));
  const fieldsHeight = writingSpace + 3 + captionHeight;
  const bodyHeight = Math.max(fieldsHeight, 2 * stampRadius + 4);
  return {
    height: heading.height + 4 + bodyHeight,
    draw(canvas, x, top) {
      heading.draw(canvas, x, top);
      const bodyTop = top + heading.height + 4;
      let cx = x;
      captions.forEach((caption, i) => {
        const w = widths[i]!;
        canvas.hline(cx, cx + w, bodyTop + writingSpace, { color: colors.ink, thickness: 0.6 });
        caption.draw(canvas, cx, bodyTop + writingSpace + 3);
        cx += w + gap;
      });
      const cxStamp = x + width - stampRadius - 2;
      const cyStamp = bodyTop + bodyHeight / 2;
      canvas.circle(cxStamp, cyStamp, stampRadius, { stroke: colors.faint, strokeWidth: 0.6, dash: [2, 2] });
      canvas.text(SIGNATURE.stamp.ru, cxStamp, cyStamp - lineHeight(s.body) / 2 - 2, s.body, "center");
      canvas.text(SIGNATURE.stamp.en, cxStamp, cyStamp + 3, s.tiny, "center");
    },
  };
}

export const QR_SIZE = 28 * MM;

/** Boxed QR code of the verification URL with the verification code and what it is for. */
export function verificationBlock(s: FormStyles, verification: { code: string; url: string }, width: number): Block {
  const moduleCount = qrModules(verification.url).length;
  const quietZone = (QR_SIZE / moduleCount) * QR_QUIET_ZONE_MODULES;
  const pad = Math.max(10, quietZone);
  const textX = pad + QR_SIZE + pad;
  const textWidthAvail = width - textX - 12;
  const urlLines = wrapText(verification.url, s.tiny, textWidthAvail);
  const text = stack([
    bilingualLabel(VERIFICATION.code, s.labelRu, s.labelEn, textWidthAvail),
    linesBlock([fitLine(verification.code, s.code, textWidthAvail)], s.code, textWidthAvail),
    { height: 4, draw() {} },
    paragraph(VERIFICATION.explanation.ru, s.body, textWidthAvail),
    paragraph(VERIFICATION.explanation.en, s.english, textWidthAvail),
    { height: 4, draw() {} },
    linesBlock(clampLines(urlLines, 2, s.tiny, textWidthAvail, ""), s.tiny, textWidthAvail),
  ]);
  const height = Math.max(QR_SIZE + 2 * pad, text.height + 2 * 10);
  return {
    height,
    draw(canvas, x, top) {
      canvas.rect(x, top, width, height, { stroke: colors.rule, strokeWidth: 0.6 });
      drawQrCode(canvas, verification.url, x + pad, top + (height - QR_SIZE) / 2, QR_SIZE);
      text.draw(canvas, x + textX, top + (height - text.height) / 2);
    },
  };
}

/** The blank form's replacement for the verification block. */
export function blankVerificationBlock(s: FormStyles, width: number): Block {
  const pad = 10;
  const text = stack([
    paragraph(VERIFICATION.blankNote.ru, s.body, width - 2 * pad),
    paragraph(VERIFICATION.blankNote.en, s.english, width - 2 * pad),
  ]);
  const height = text.height + 2 * pad;
  return {
    height,
    draw(canvas, x, top) {
      canvas.rect(x, top, width, height, { stroke: colors.rule, strokeWidth: 0.6, dash: [3, 2] });
      text.draw(canvas, x + pad, top + pad);
    },
  };
}

/** Thin rule with the document name on the left and the page number on the right. */
export function pageFooter(s: FormStyles, width: number, caption: string, page: number, pages: number): Block {
  const lh = lineHeight(s.small);
  return {
    height: lh + 4,
    draw(canvas, x, top) {
      canvas.hline(x, x + width, top, { color: colors.guide });
      const right = PAGE_NUMBER(page, pages);
      const left = fitLine(caption, s.small, width - textWidth(right, s.small) - 20);
      canvas.text(left, x, top + 4, s.small);
      canvas.text(right, x + width, top + 4, s.small, "right");
    },
  };
}
