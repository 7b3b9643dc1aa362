import { rgb, type PDFFont, type PDFPage, type RGB } from "pdf-lib";

/**
 * Small layout toolkit on top of pdf-lib.
 *
 * Coordinates passed to the helpers here are measured from the TOP of the page (like a
 * document flow); `PageCanvas` converts them to PDF's bottom-up coordinates.
 * Everything that takes space is a `Block`: measured once when it is built (its width is
 * fixed then), drawn later at a given position.
 */

export const A4 = { width: 595.28, height: 841.89 } as const;

export const MM = 72 / 25.4;

export const colors = {
  ink: rgb(0.1, 0.11, 0.13),
  muted: rgb(0.42, 0.44, 0.48),
  faint: rgb(0.62, 0.64, 0.67),
  rule: rgb(0.55, 0.57, 0.6),
  guide: rgb(0.78, 0.79, 0.81),
  cellFill: rgb(0.95, 0.955, 0.965),
  band: rgb(0.13, 0.2, 0.31),
  bandText: rgb(1, 1, 1),
  bandMuted: rgb(0.72, 0.77, 0.84),
  white: rgb(1, 1, 1),
} as const;

export interface TextStyle {
  font: PDFFont;
  size: number;
  color: RGB;
  /** Line height as a multiple of the font size. Default 1.3. */
  leading?: number;
}

export type Align = "left" | "center" | "right";

export function lineHeight(style: TextStyle): number {
  return style.size * (style.leading ?? 1.3);
}

/** Baseline (from the page top) of a line box starting at `top`. */
export function baselineOf(top: number, style: TextStyle): number {
  // Centre the glyph box (DejaVu: ascender ≈ 0.93 em, descender ≈ 0.24 em) in the line box.
  return top + lineHeight(style) / 2 + style.size * 0.345;
}

export function textWidth(text: string, style: Pick<TextStyle, "font" | "size">): number {
  return style.font.widthOfTextAtSize(text, style.size);
}

/** Makes arbitrary user text safe to draw: NFC (so "Ё" is one glyph), no control characters. */
export function cleanText(text: string): string {
  return text
    .normalize("NFC")
    .replace(/\r\n?/g, "\n")
    .replace(/[\t\v\f\u00a0]/g, " ")
    .replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200b\ufeff]/g, "");
}

/**
 * Greedy word wrap by measured width. Explicit "\n" starts a new line; a word longer than
 * the line (e-mails, URLs, unbroken names) is broken between characters.
 */
export function wrapText(text: string, style: Pick<TextStyle, "font" | "size">, maxWidth: number): string[] {
  const fits = (s: string) => textWidth(s, style) <= maxWidth;
  const lines: string[] = [];
  for (const paragraph of cleanText(text).split("\n")) {
    const words = paragraph.split(/ +/).filter((w) => w.length > 0);
    let line = "";
    for (const word of words) {
      const candidate = line ? `${line} ${word}` : word;
      if (fits(candidate)) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      line = "";
      if (fits(word)) {
        line = word;
        continue;
      }
      // Break an over-long word into pieces that fit.
      for (const ch of Array.from(word)) {
        if (line && !fits(line + ch)) {
          lines.push(line);
          line = "";
        }
        line += ch;
      }
    }
    lines.push(line);
  }
  // Drop trailing empty lines produced by trailing newlines.
  while (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  return lines;
}

/** Shortens a single line with "…" so that it fits `maxWidth`. */
export function fitLine(text: string, style: Pick<TextStyle, "font" | "size">, maxWidth: number): string {
  const clean = cleanText(text).replace(/\n/g, " ");
  if (textWidth(clean, style) <= maxWidth) return clean;
  const chars = Array.from(clean);
  while (chars.length > 0 && textWidth(`${chars.join("")}…`, style) > maxWidth) chars.pop();
  return `${chars.join("")}…`;
}

/** Keeps at most `maxLines` lines; the last kept line ends with "…" if something was cut. */
export function clampLines(
  lines: string[],
  maxLines: number,
  style: Pick<TextStyle, "font" | "size">,
  maxWidth: number,
  joiner = " ",
): string[] {
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines - 1);
  const rest = lines.slice(maxLines - 1).join(joiner);
  kept.push(fitLine(rest, style, maxWidth));
  return kept;
}

interface ShapeOptions {
  fill?: RGB;
  stroke?: RGB;
  strokeWidth?: number;
  dash?: number[];
}

/** A PDF page addressed with top-down coordinates. */
export class PageCanvas {
  constructor(readonly page: PDFPage) {}

  get width(): number {
    return this.page.getWidth();
  }

  get height(): number {
    return this.page.getHeight();
  }

  /** One line of text whose line box starts at `top`. `x` is the left, center or right edge per `align`. */
  text(text: string, x: number, top: number, style: TextStyle, align: Align = "left"): void {
    this.textOnBaseline(text, x, baselineOf(top, style), style, align);
  }

  /** One line of text on a baseline given from the top of the page. */
  textOnBaseline(text: string, x: number, baseline: number, style: TextStyle, align: Align = "left"): void {
    if (!text) return;
    const w = align === "left" ? 0 : textWidth(text, style);
    const left = align === "left" ? x : align === "right" ? x - w : x - w / 2;
    this.page.drawText(text, {
      x: left,
      y: this.height - baseline,
      font: style.font,
      size: style.size,
      color: style.color,
    });
  }

  rect(x: number, top: number, width: number, height: number, opts: ShapeOptions): void {
    this.page.drawRectangle({
      x,
      y: this.height - top - height,
      width,
      height,
      color: opts.fill,
      borderColor: opts.stroke,
      borderWidth: opts.stroke ? (opts.strokeWidth ?? 0.5) : 0,
      borderDashArray: opts.dash,
    });
  }

  line(x1: number, top1: number, x2: number, top2: number, opts: { color: RGB; thickness?: number; dash?: number[] }): void {
    this.page.drawLine({
      start: { x: x1, y: this.height - top1 },
      end: { x: x2, y: this.height - top2 },
      color: opts.color,
      thickness: opts.thickness ?? 0.5,
      dashArray: opts.dash,
    });
  }

  hline(x1: number, x2: number, top: number, opts: { color: RGB; thickness?: number; dash?: number[] }): void {
    this.line(x1, top, x2, top, opts);
  }

  vline(x: number, top: number, bottom: number, opts: { color: RGB; thickness?: number; dash?: number[] }): void {
    this.line(x, top, x, bottom, opts);
  }

  circle(cx: number, cy: number, radius: number, opts: ShapeOptions): void {
    this.page.drawCircle({
      x: cx,
      y: this.height - cy,
      size: radius,
      color: opts.fill,
      borderColor: opts.stroke,
      borderWidth: opts.stroke ? (opts.strokeWidth ?? 0.5) : 0,
      borderDashArray: opts.dash,
    });
  }
}

/** Something measured that can be drawn at a position. */
export interface Block {
  readonly height: number;
  draw(canvas: PageCanvas, x: number, top: number): void;
}

export const emptyBlock: Block = { height: 0, draw() {} };

export function spacer(height: number): Block {
  return { height, draw() {} };
}

/** Pre-wrapped lines drawn with one style. */
export function linesBlock(lines: string[], style: TextStyle, width: number, align: Align = "left"): Block {
  const lh = lineHeight(style);
  return {
    height: lines.length * lh,
    draw(canvas, x, top) {
      const ax = align === "left" ? x : align === "right" ? x + width : x + width / 2;
      lines.forEach((line, i) => {
        canvas.text(line, ax, top + i * lh, style, align);
      });
    },
  };
}

/** A piece of a line in one style. */
export interface TextRun {
  text: string;
  style: TextStyle;
}

export function runsWidth(runs: TextRun[]): number {
  return runs.reduce((sum, r) => sum + textWidth(r.text, r.style), 0);
}

/**
 * One line made of differently styled runs sharing a baseline, e.g. a Russian label followed
 * by its smaller grey English translation. The caller makes sure it fits.
 */
export function runsLine(runs: TextRun[], width: number, align: Align = "left"): Block {
  const tallest = runs.reduce((a, r) => (lineHeight(r.style) > lineHeight(a.style) ? r : a), runs[0]!);
  const total = runsWidth(runs);
  return {
    height: lineHeight(tallest.style),
    draw(canvas, x, top) {
      const baseline = baselineOf(top, tallest.style);
      let cx = align === "left" ? x : align === "right" ? x + width - total : x + (width - total) / 2;
      for (const run of runs) {
        canvas.textOnBaseline(run.text, cx, baseline, run.style);
        cx += textWidth(run.text, run.style);
      }
    },
  };
}

/** Text wrapped to `width`. */
export function paragraph(text: string, style: TextStyle, width: number, align: Align = "left"): Block {
  return linesBlock(wrapText(text, style, width), style, width, align);
}

/** Blocks one under another. */
export function stack(blocks: Block[], gap = 0): Block {
  const visible = blocks.filter((b) => b.height > 0);
  const height = visible.reduce((sum, b) => sum + b.height, 0) + gap * Math.max(0, visible.length - 1);
  return {
    height,
    draw(canvas, x, top) {
      let y = top;
      for (const b of visible) {
        b.draw(canvas, x, y);
        y += b.height + gap;
      }
    },
  };
}

/** Adds empty space around a block. */
export function padded(block: Block, pad: { top?: number; bottom?: number; left?: number }): Block {
  const top = pad.top ?? 0;
  const bottom = pad.bottom ?? 0;
  const left = pad.left ?? 0;
  return {
    height: block.height + top + bottom,
    draw(canvas, x, y) {
      block.draw(canvas, x + left, y + top);
    },
  };
}

/** Horizontal writing line(s) for a hand-filled value, `count` lines `spacing` apart. */
export function writingLines(width: number, count = 1, spacing = 20): Block {
  return {
    height: count * spacing,
    draw(canvas, x, top) {
      for (let i = 1; i <= count; i++) {
        canvas.hline(x, x + width, top + i * spacing - 3, { color: colors.guide, thickness: 0.5 });
      }
    },
  };
}
