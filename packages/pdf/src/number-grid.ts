import { colors, lineHeight, textWidth, type Block, type TextStyle } from "./layout.ts";

/**
 * A list of phone numbers laid out in equal columns, filled top to bottom then left to right
 * (like a printed list), as many columns as the widest number allows.
 */
export function gridColumns(items: string[], style: TextStyle, width: number): number {
  if (items.length === 0) return 1;
  const itemWidth = Math.max(...items.map((s) => textWidth(s, style)));
  const gap = style.size * 1.5;
  const columns = Math.floor((width + gap) / (itemWidth + gap));
  return Math.max(1, Math.min(columns, items.length));
}

export function numberGrid(items: string[], style: TextStyle, width: number): Block {
  const columns = gridColumns(items, style, width);
  const rows = Math.ceil(items.length / columns);
  const lh = lineHeight(style);
  const columnWidth = width / columns;
  return {
    height: rows * lh,
    draw(canvas, x, top) {
      items.forEach((item, i) => {
        const col = Math.floor(i / rows);
        const row = i % rows;
        canvas.text(item, x + col * columnWidth, top + row * lh, style);
      });
    },
  };
}

/** Empty cells for numbers to be written by hand: `rows` × `columns` writing lines. */
export function blankNumberLines(width: number, rows: number, columns: number, spacing = 20): Block {
  const gap = 14;
  const columnWidth = (width - gap * (columns - 1)) / columns;
  return {
    height: rows * spacing,
    draw(canvas, x, top) {
      for (let c = 0; c < columns; c++) {
        const left = x + c * (columnWidth + gap);
        for (let r = 1; r <= rows; r++) {
          canvas.hline(left, left + columnWidth, top + r * spacing - 3, { color: colors.guide });
        }
      }
    },
  };
}

/**
 * Largest k such that `build(k).height <= maxHeight` (heights grow with k), by binary search.
 * Returns 0 if even an empty list does not fit.
 */
export function largestFitting(count: number, build: (k: number) => Block, maxHeight: number): number {
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (build(mid).height <= maxHeight) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
