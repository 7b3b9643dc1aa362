import { scaleLinear } from "d3-scale";
import { useId } from "react";

export interface ComparedBar {
  label: string;
  current: number;
  previous: number;
}

// Drawn narrow, with each label on its own line above its bars: the same picture reads on a phone
// (shrunk a little) and on a desktop (where the stylesheet caps its width), and long department
// names need no cutting.
const WIDTH = 330;
const LABEL_LINE = 18;
const BAR = 13;
const GAP = 2;
const GROUP = LABEL_LINE + 2 * BAR + GAP + 12;
const VALUE = 112;
const CURRENT_COLOUR = "#1d4ed8";
const PREVIOUS_COLOUR = "#7b8699";

/**
 * Two months side by side as horizontal bars, one pair per item (a department, a kind of charge):
 * this month's bar in blue above the previous month's in grey, each with its amount written at its
 * end, so the picture reads on paper and in greyscale. Drawn on the server (decision 010); the page
 * puts the same figures in a table beside it, which the description points to.
 */
export function ComparisonBars(props: {
  bars: ComparedBar[];
  title: string;
  description: string;
  currentLabel: string;
  previousLabel: string;
  formatMoney: (kopecks: number) => string;
}) {
  const id = useId();
  const { bars } = props;
  const height = Math.max(1, bars.length) * GROUP;
  const x = scaleLinear()
    .domain([0, Math.max(1, ...bars.flatMap((b) => [b.current, b.previous]))])
    .range([0, WIDTH - VALUE]);
  const cut = (text: string) => (text.length > 48 ? `${text.slice(0, 47)}…` : text);
  const bar = (value: number, y: number, colour: string, bold: boolean) => (
    <>
      <rect x={0} y={y} width={Math.max(1, x(value))} height={BAR} rx="2" fill={colour} />
      <text x={Math.max(1, x(value)) + 5} y={y + BAR / 2} dy="0.35em" fill="#16202e" fontWeight={bold ? 600 : 400}>
        {props.formatMoney(value)}
      </text>
    </>
  );
  return (
    <div className="chart comparison-chart">
      <svg viewBox={`0 0 ${WIDTH} ${height}`} width="100%" role="img" aria-labelledby={`${id}-title ${id}-desc`} fontSize="13" fontFamily="inherit">
        <title id={`${id}-title`}>{props.title}</title>
        <desc id={`${id}-desc`}>{props.description}</desc>
        {bars.map((item, i) => (
          <g key={item.label} transform={`translate(0 ${i * GROUP})`}>
            <text x={0} y={LABEL_LINE - 5} fill="#16202e" fontWeight={600}>
              {cut(item.label)}
            </text>
            {bar(item.current, LABEL_LINE, CURRENT_COLOUR, true)}
            {bar(item.previous, LABEL_LINE + BAR + GAP, PREVIOUS_COLOUR, false)}
          </g>
        ))}
      </svg>
      <p className="chart-legend">
        <span>
          <svg width="14" height="10" aria-hidden="true">
            <rect width="14" height="10" rx="2" fill={CURRENT_COLOUR} />
          </svg>{" "}
          {props.currentLabel}
        </span>{" "}
        <span>
          <svg width="14" height="10" aria-hidden="true">
            <rect width="14" height="10" rx="2" fill={PREVIOUS_COLOUR} />
          </svg>{" "}
          {props.previousLabel}
        </span>
      </p>
    </div>
  );
}
