import { formatVnd } from "../../../domain/money";
import type { SalesDay } from "../../../domain/orders/sales-by-day";
import type { SalesPageMessages } from "../../../i18n/sales-page";

const W = 360;
const H = 210;
const LEFT = 40;
const RIGHT = 6;
const TOP = 14;
const BOTTOM = 30;

// A round axis top (1, 2, 2.5 or 5 × 10^k) at or above the largest value, so the gridline labels read cleanly.
function niceCeil(value: number): number {
  if (value <= 0) return 100_000;
  const power = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 2.5, 5, 10].find((s) => s * power >= value) ?? 10;
  return step * power;
}

// Axis labels must fit in ~35 px: "450k", "1,2tr".
function compactVnd(n: number, s: SalesPageMessages): string {
  if (n >= 1_000_000) return `${(n / 1_000_000).toFixed(1).replace(/\.0$/, "").replace(".", s.decimalMark)}${s.millionSuffix}`;
  if (n >= 1_000) return `${Math.round(n / 1_000)}${s.thousandSuffix}`;
  return String(n);
}

const r1 = (n: number) => Math.round(n * 10) / 10;

/**
 * The revenue chart as inline SVG drawn on the server: one bar per day (a `<title>` tooltip with the
 * day's figures on each), gridlines with compact amounts, a date under every seventh bar ending today.
 * The viewBox is 360 wide so a phone shows it at about its natural size.
 */
export function SalesChart(props: { days: readonly SalesDay[]; s: SalesPageMessages }) {
  const { days, s } = props;
  const plotW = W - LEFT - RIGHT;
  const plotH = H - TOP - BOTTOM;
  const max = niceCeil(Math.max(0, ...days.map((d) => d.revenue)));
  const slot = plotW / Math.max(1, days.length);
  const barW = Math.max(2, slot * 0.72);
  const y = (v: number) => TOP + plotH - (v / max) * plotH;
  const last = days.length - 1;
  return (
    <svg class="chart" viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-labelledby="chart-title" xmlns="http://www.w3.org/2000/svg" font-family="system-ui,sans-serif" font-size="10" fill="#555" style="max-width:720px;display:block;background:#fff;border-radius:10px">
      <title id="chart-title">{s.chartTitle}</title>
      {[0, max / 2, max].map((v) => (
        <>
          <line x1={LEFT} x2={W - RIGHT} y1={r1(y(v))} y2={r1(y(v))} stroke={v === 0 ? "#888" : "#e3e1da"} stroke-width="1" />
          <text x={LEFT - 4} y={r1(y(v) + 3.5)} text-anchor="end">
            {compactVnd(v, s)}
          </text>
        </>
      ))}
      {days.map((d, i) => {
        const h = d.revenue > 0 ? Math.max(1, (d.revenue / max) * plotH) : 0;
        const x = LEFT + i * slot;
        return (
          <g class="bar" data-date={d.date} data-revenue={d.revenue} data-orders={d.orders}>
            <title>{s.barTitle({ date: s.longDate({ date: d.date }), revenue: formatVnd(d.revenue), orders: d.orders })}</title>
            <rect class="hit" x={r1(x)} y={TOP} width={r1(slot)} height={plotH} fill="transparent" />
            <rect class="v" x={r1(x + (slot - barW) / 2)} y={r1(TOP + plotH - h)} width={r1(barW)} height={r1(h)} rx="1" fill={i === last ? "#2e9b60" : "#1f6f43"} />
          </g>
        );
      })}
      {/* Labels under every seventh day counted back from today; the last one is right-aligned so it stays inside. */}
      {days.map((d, i) =>
        (last - i) % 7 === 0 ? (
          <>
            <text x={r1(i === last ? LEFT + (i + 1) * slot : LEFT + (i + 0.5) * slot)} y={H - BOTTOM + 14} text-anchor={i === last ? "end" : "middle"}>
              {s.shortDate({ date: d.date })}
            </text>
            <line x1={r1(LEFT + (i + 0.5) * slot)} x2={r1(LEFT + (i + 0.5) * slot)} y1={TOP + plotH} y2={TOP + plotH + 3} stroke="#888" />
          </>
        ) : (
          ""
        ),
      )}
    </svg>
  );
}
