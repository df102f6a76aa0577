/**
 * A line per group over the report's buckets, drawn by the console's uPlot chart (views/sales/chart.tsx). Clicking a
 * point picks the nearest line at that bucket. The chart is hidden from screen readers: the table under it has the figures.
 */
import type UPlotType from "uplot";
import { useMemo, useRef } from "preact/hooks";
import { Chart, type ChartOptions } from "../sales/chart.tsx";
import { bucketLabel, SERIES_COLORS } from "./report-figures.ts";

/** One line: its name, colour and one value per bucket (null where the group had nothing). */
export type TrendLine = { label: string; color: string; values: (number | null)[] };

type Props = {
  buckets: string[];
  interval: string;
  /** The report's period: the time axis spans it, so a gap between points is a gap in time. */
  from: string;
  to: string;
  /** Whole numbers only on the value axis (counts). */
  integer?: boolean;
  lines: TrendLine[];
  format: (value: number) => string;
  /** The y range to show at least (shares: 0 to 1), widened to the data. */
  range: [number, number];
  /** Which point is the worst (the highest share negative, the lowest mean); its position is on the chart as data-worst-x/y. */
  worst?: "max" | "min";
  onPick?: (line: number, bucket: number) => void;
  testId: string;
};

/** A line per group, coloured in turn, with `pick`'s value at each bucket (null where the group had nothing). */
export function trendLines<P extends { bucket: string }>(groups: { label: string; series: P[] }[], buckets: string[], pick: (point: P) => number | null): TrendLine[] {
  return groups.map((g, i) => ({
    label: g.label,
    color: SERIES_COLORS[i % SERIES_COLORS.length],
    values: buckets.map((b) => {
      const p = g.series.find((s) => s.bucket === b);
      return p ? pick(p) : null;
    }),
  }));
}

/** The worst point's line and bucket, or null without values. */
function worstPoint(lines: TrendLine[], worst: "max" | "min"): { line: number; bucket: number } | null {
  let best: { line: number; bucket: number; value: number } | null = null;
  lines.forEach((l, line) =>
    l.values.forEach((value, bucket) => {
      if (value === null) return;
      if (!best || (worst === "max" ? value > best.value : value < best.value)) best = { line, bucket, value };
    }),
  );
  return best;
}

/** The chart. */
export function TrendChart(props: Props) {
  const pick = useRef(props.onPick);
  pick.current = props.onPick;
  const { buckets, interval, lines, format, range, worst, from, to, integer } = props;
  const xs = useMemo(() => buckets.map((b) => Date.parse(b) / 1000), [buckets]);
  const data = useMemo<UPlotType.AlignedData>(() => [xs, ...lines.map((l) => l.values)], [xs, lines]);
  const options = useMemo<ChartOptions>(() => {
    const labels = buckets.map((b) => bucketLabel(b, interval));
    const target = worst ? worstPoint(lines, worst) : null;
    const start = Date.parse(from) / 1000;
    const end = Date.parse(to) / 1000;
    // Half a bucket of room at each end, so the first and last points are not on the frame.
    const half = xs.length > 1 ? (xs[1] - xs[0]) / 2 : 43_200;
    const tick = (t: number): string =>
      new Date(t * 1000).toLocaleDateString(undefined, interval === "month" ? { month: "short", year: "2-digit" } : { day: "numeric", month: "short" });
    return () => ({
      width: 0,
      height: 0,
      cursor: { drag: { x: false, y: false }, focus: { prox: 30 }, points: { size: 10 } },
      focus: { alpha: 0.35 },
      legend: { show: true, live: false },
      scales: {
        x: { time: true, range: [Math.min(start, (xs[0] ?? start) - half), Math.max(end, (xs[xs.length - 1] ?? end) + half)] },
        // A little room above and below, so points at the ends (100 % negative) are drawn whole and can be clicked.
        y: {
          range: (_u, min, max) => {
            const [lo, hi] = [Math.min(range[0], min), Math.max(range[1], max)];
            const pad = (hi - lo) * 0.06;
            return [lo - (lo === 0 ? pad / 2 : pad), hi + pad];
          },
        },
      },
      axes: [
        { stroke: "#66748a", grid: { show: false }, space: 70, values: (_u, splits) => splits.map(tick) },
        {
          stroke: "#66748a",
          grid: { stroke: "#eef1f5" },
          size: 56,
          ...(integer ? { incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 20_000, 50_000, 100_000] } : {}),
          values: (_u, splits) => splits.map((v) => format(v)),
        },
      ],
      series: [
        { label: "", value: (_u, _v, _s, i) => (i === null ? "" : (labels[i] ?? "")) },
        ...lines.map((l) => ({
          label: l.label,
          stroke: l.color,
          width: 2,
          spanGaps: true,
          points: { show: true, size: 7, fill: l.color },
          value: (_u: UPlotType, v: number | null) => (v === null ? "—" : format(v)),
        })),
      ],
      hooks: {
        ready: [
          (u: UPlotType) => {
            u.over.addEventListener("click", () => {
              const idx = u.cursor.idx;
              const top = u.cursor.top;
              if (idx === null || idx === undefined || top === undefined) return;
              // The line nearest the pointer at that bucket, among those shown.
              let nearest = -1;
              let distance = Infinity;
              u.series.forEach((s, i) => {
                const v = u.data[i]?.[idx];
                if (i === 0 || !s.show || v === null || v === undefined) return;
                const d = Math.abs(u.valToPos(v, "y") - top);
                if (d < distance) [nearest, distance] = [i, d];
              });
              if (nearest > 0) pick.current?.(nearest - 1, idx);
            });
          },
        ],
        draw: [
          (u: UPlotType) => {
            // Where the worst point is drawn (CSS pixels inside the plot), for whoever needs to point at it.
            const host = u.root.parentElement;
            if (!host || !target) return;
            const v = lines[target.line].values[target.bucket];
            if (v === null) return;
            host.dataset.worstX = String(Math.round(u.valToPos(xs[target.bucket], "x")));
            host.dataset.worstY = String(Math.round(u.valToPos(v, "y")));
            host.dataset.worstLine = lines[target.line].label;
          },
        ],
      },
    });
  }, [buckets, xs, interval, lines, format, range, worst, from, to, integer]);
  return <Chart options={options} data={data} height={280} testId={props.testId} />;
}
