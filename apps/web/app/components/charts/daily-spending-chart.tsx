import { scaleLinear } from "d3-scale";
import { line } from "d3-shape";
import { useId } from "react";

export interface DailyPoint {
  day: number;
  thisMonth: number | null;
  lastMonth: number | null;
}

const WIDTH = 440;
const HEIGHT = 230;
const MARGIN = { top: 10, right: 8, bottom: 26, left: 62 };

/**
 * Spending by day of the billing month, this month against the last, drawn on the server as SVG:
 * it shows without JavaScript and prints. The numbers are in the table that follows (for screen
 * readers and for anyone who wants the figures), so the picture itself is described only briefly.
 */
export function DailySpendingChart(props: {
  days: DailyPoint[];
  title: string;
  description: string;
  thisMonthLabel: string;
  lastMonthLabel: string;
  dayLabel: string;
  formatMoney: (kopecks: number) => string;
  formatAxis: (kopecks: number) => string;
}) {
  const id = useId();
  const { days } = props;
  const top = Math.max(100, ...days.flatMap((d) => [d.thisMonth ?? 0, d.lastMonth ?? 0]));
  const x = scaleLinear()
    .domain([1, Math.max(2, days.length)])
    .range([MARGIN.left, WIDTH - MARGIN.right]);
  const y = scaleLinear()
    .domain([0, top])
    .nice(4)
    .range([HEIGHT - MARGIN.bottom, MARGIN.top]);
  const path = (pick: (d: DailyPoint) => number | null) =>
    line<DailyPoint>()
      .defined((d) => pick(d) != null)
      .x((d) => x(d.day))
      .y((d) => y(pick(d) ?? 0))(days) ?? "";
  const dayTicks = days.filter((d) => d.day === 1 || d.day % 5 === 0).map((d) => d.day);
  return (
    <div className="chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width="100%" role="img" aria-labelledby={`${id}-title ${id}-desc`} fontSize="12" fontFamily="inherit">
        <title id={`${id}-title`}>{props.title}</title>
        <desc id={`${id}-desc`}>{props.description}</desc>
        {y.ticks(4).map((tick) => (
          <g key={tick}>
            <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(tick)} y2={y(tick)} stroke="#d6dce6" />
            <text x={MARGIN.left - 6} y={y(tick)} dy="0.32em" textAnchor="end" fill="#56627a">
              {props.formatAxis(tick)}
            </text>
          </g>
        ))}
        {dayTicks.map((day) => (
          <text key={day} x={x(day)} y={HEIGHT - MARGIN.bottom + 18} textAnchor="middle" fill="#56627a">
            {day}
          </text>
        ))}
        <path d={path((d) => d.lastMonth)} fill="none" stroke="#8b95a8" strokeWidth="2" strokeDasharray="5 4" />
        <path d={path((d) => d.thisMonth)} fill="none" stroke="#1d4ed8" strokeWidth="2.5" />
      </svg>
      <p className="chart-legend">
        <span>
          <svg width="24" height="10" aria-hidden="true">
            <line x1="0" x2="24" y1="5" y2="5" stroke="#1d4ed8" strokeWidth="2.5" />
          </svg>{" "}
          {props.thisMonthLabel}
        </span>{" "}
        <span>
          <svg width="24" height="10" aria-hidden="true">
            <line x1="0" x2="24" y1="5" y2="5" stroke="#8b95a8" strokeWidth="2" strokeDasharray="5 4" />
          </svg>{" "}
          {props.lastMonthLabel}
        </span>
      </p>
      <details>
        <summary>{props.title}: {props.dayLabel}</summary>
        <div className="table-wrap">
          <table className="data">
            <thead>
              <tr>
                <th scope="col">{props.dayLabel}</th>
                <th scope="col">{props.thisMonthLabel}</th>
                <th scope="col">{props.lastMonthLabel}</th>
              </tr>
            </thead>
            <tbody>
              {days.map((d) => (
                <tr key={d.day}>
                  <th scope="row">{d.day}</th>
                  <td className="nowrap">{d.thisMonth == null ? "—" : props.formatMoney(d.thisMonth)}</td>
                  <td className="nowrap">{d.lastMonth == null ? "—" : props.formatMoney(d.lastMonth)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </div>
  );
}
