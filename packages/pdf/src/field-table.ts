import { colors, paragraph, stack, type Block, type TextStyle } from "./layout.ts";
import type { Bilingual } from "./texts.ts";

/**
 * The table of labelled fields: a grey label cell (Russian label, English translation under
 * it) and a value cell. A "stacked" row puts the label on a full-width strip and the value
 * under it across the whole table (used for long lists of numbers).
 */
export interface FieldTableStyle {
  labelRu: TextStyle;
  labelEn: TextStyle;
  note: TextStyle;
  labelWidth: number;
  padX: number;
  padY: number;
  minRowHeight: number;
}

export type FieldRowLayout = "side" | "stacked";

export interface FieldRowSpec {
  label: Bilingual;
  /** Extra small line under the label (e.g. a count). */
  note?: string;
  /** Builds the value for the given inner width of the value cell. */
  value: (innerWidth: number) => Block;
  layout?: FieldRowLayout;
}

/** Inner width available to a row's value. */
export function valueWidth(style: FieldTableStyle, tableWidth: number, layout: FieldRowLayout): number {
  return layout === "side" ? tableWidth - style.labelWidth - 2 * style.padX : tableWidth - 2 * style.padX;
}

function labelBlock(spec: FieldRowSpec, style: FieldTableStyle, width: number): Block {
  return stack(
    [
      paragraph(spec.label.ru, style.labelRu, width),
      paragraph(spec.label.en, style.labelEn, width),
      spec.note ? paragraph(spec.note, style.note, width) : { height: 0, draw() {} },
    ],
    1,
  );
}

/** One table row, including its grey label background; borders are drawn by `fieldTable`. */
export function fieldRow(spec: FieldRowSpec, style: FieldTableStyle, tableWidth: number): Block {
  const layout = spec.layout ?? "side";
  const { padX, padY } = style;
  const inner = valueWidth(style, tableWidth, layout);
  const value = spec.value(inner);

  if (layout === "stacked") {
    const label = labelBlock(spec, style, tableWidth - 2 * padX);
    const stripHeight = label.height + 2 * padY;
    const valueHeight = Math.max(value.height + 2 * padY, style.minRowHeight);
    return {
      height: stripHeight + valueHeight,
      draw(canvas, x, top) {
        canvas.rect(x, top, tableWidth, stripHeight, { fill: colors.cellFill });
        canvas.hline(x, x + tableWidth, top + stripHeight, { color: colors.guide });
        label.draw(canvas, x + padX, top + padY);
        value.draw(canvas, x + padX, top + stripHeight + padY);
      },
    };
  }

  const label = labelBlock(spec, style, style.labelWidth - 2 * padX);
  const height = Math.max(label.height, value.height) + 2 * padY;
  const rowHeight = Math.max(height, style.minRowHeight);
  return {
    height: rowHeight,
    draw(canvas, x, top) {
      canvas.rect(x, top, style.labelWidth, rowHeight, { fill: colors.cellFill });
      canvas.vline(x + style.labelWidth, top, top + rowHeight, { color: colors.rule });
      label.draw(canvas, x + padX, top + padY);
      value.draw(canvas, x + style.labelWidth + padX, top + padY);
    },
  };
}

/** Rows with separators and an outer frame. */
export function fieldTable(rows: Block[], tableWidth: number): Block {
  const height = rows.reduce((sum, r) => sum + r.height, 0);
  return {
    height,
    draw(canvas, x, top) {
      let y = top;
      rows.forEach((row, i) => {
        row.draw(canvas, x, y);
        y += row.height;
        if (i < rows.length - 1) canvas.hline(x, x + tableWidth, y, { color: colors.rule });
      });
      canvas.rect(x, top, tableWidth, height, { stroke: colors.ink, strokeWidth: 0.8 });
    },
  };
}
