import { scaleLinear } from "d3-scale";
import { useId } from "react";

export interface ComparedBar {
  label: string;
  current: number;
  previous: number;
}

const WIDTH = 480;
const BAR = 13;
const GAP = 3;
const GROUP = 2 * BAR + GAP + 14;
const LABEL = 130;
const VALUE = 96;
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
  const height = Math.max(1, bars.length) * GROUP + 4;
  const x = scaleLinear()
    .domain([0, Math.max(1, ...bars.flatMap((b) => [b.current, b.previous]))])
    .range([0, WIDTH - LABEL - VALUE]);
  const cut = (text: string) => (text.length > 20 ? `${text.slice(0, 19)}…` : text);
  const bar = (value: number, y: number, colour: string, bold: boolean) => (
    <>
      <rect x={LABEL} y={y} width={Math.max(1, x(value))} height={BAR} rx="2" fill={colour} />
      <text x={LABEL + Math.max(1, x(value)) + 6} y={y + BAR / 2} dy="0.35em" fill="#16202e" fontWeight={bold ? 600 : 400}>
        {props.formatMoney(value)}
      </text>
    </>
  );
  return (
    <div className="chart">
      <svg viewBox={`0 0 ${WIDTH} ${height}`} width="100%" role="img" aria-labelledby={`${id}-title ${id}-desc`} fontSize="12" fontFamily="inherit">
        <title id={`${id}-title`}>{props.title}</title>
        <desc id={`${id}-desc`}>{props.description}</desc>
        <line x1={LABEL} x2={LABEL} y1={0} y2={height} stroke="#d6dce6" />
        {bars.map((item, i) => (
          <g key={item.label} transform={`translate(0 ${i * GROUP + 6})`}>
            <text x={LABEL - 8} y={BAR + GAP / 2} dy="0.35em" textAnchor="end" fill="#16202e">
              {cut(item.label)}
            </text>
            {bar(item.current, 0, CURRENT_COLOUR, true)}
            {bar(item.previous, BAR + GAP, PREVIOUS_COLOUR, false)}
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
