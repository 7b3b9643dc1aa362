import { scaleLinear } from "d3-scale";
import { useId } from "react";

export interface DepartmentBar {
  label: string;
  spent: number;
}

const WIDTH = 440;
const ROW = 26;
const LABEL = 140;
const VALUE = 90;

/**
 * Spending by department as horizontal bars, SVG drawn on the server. Each bar carries its label and
 * amount as text, so the picture reads on paper; the same figures are in a table for screen readers.
 */
export function DepartmentBars(props: { bars: DepartmentBar[]; title: string; description: string; nameLabel: string; amountLabel: string; formatMoney: (kopecks: number) => string }) {
  const id = useId();
  const { bars } = props;
  const height = Math.max(1, bars.length) * ROW + 8;
  const x = scaleLinear()
    .domain([0, Math.max(1, ...bars.map((b) => b.spent))])
    .range([0, WIDTH - LABEL - VALUE]);
  const cut = (text: string) => (text.length > 22 ? `${text.slice(0, 21)}…` : text);
  return (
    <div className="chart">
      <svg viewBox={`0 0 ${WIDTH} ${height}`} width="100%" role="img" aria-labelledby={`${id}-title ${id}-desc`} fontSize="12" fontFamily="inherit">
        <title id={`${id}-title`}>{props.title}</title>
        <desc id={`${id}-desc`}>{props.description}</desc>
        {bars.map((bar, i) => (
          <g key={bar.label} transform={`translate(0 ${i * ROW + 4})`}>
            <text x={LABEL - 8} y={ROW / 2} dy="0.32em" textAnchor="end" fill="#16202e">
              {cut(bar.label)}
            </text>
            <rect x={LABEL} y={4} width={Math.max(1, x(bar.spent))} height={ROW - 10} rx="3" fill="#1d4ed8" />
            <text x={LABEL + x(bar.spent) + 6} y={ROW / 2} dy="0.32em" fill="#16202e">
              {props.formatMoney(bar.spent)}
            </text>
          </g>
        ))}
      </svg>
      <table className="visually-hidden">
        <caption>{props.title}</caption>
        <thead>
          <tr>
            <th scope="col">{props.nameLabel}</th>
            <th scope="col">{props.amountLabel}</th>
          </tr>
        </thead>
        <tbody>
          {bars.map((bar) => (
            <tr key={bar.label}>
              <th scope="row">{bar.label}</th>
              <td>{props.formatMoney(bar.spent)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
