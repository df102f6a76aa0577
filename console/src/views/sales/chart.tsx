/**
 * A uPlot chart, loaded on demand like the profile's sentiment chart (uPlot is the console's one chart library): the
 * page passes a builder of the options, which gets uPlot itself for its path builders (bars) and the width to draw.
 */
import type UPlotType from "uplot";
import { useEffect, useRef, useState } from "preact/hooks";
import { CRM_TEXT } from "../../crm-strings.ts";

/** uPlot's constructor, as the builders receive it. */
export type UPlot = typeof UPlotType;

/** Builds the chart's options for a width in pixels. */
export type ChartOptions = (uplot: UPlot, width: number) => UPlotType.Options;

/** The chart; `data` is uPlot's aligned data (x values first). Hidden from screen readers: pages show the figures as text too. */
export function Chart(props: { options: ChartOptions; data: UPlotType.AlignedData; height: number; testId: string }) {
  const host = useRef<HTMLDivElement>(null);
  const [ready, setReady] = useState(false);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let chart: UPlotType | null = null;
    let observer: ResizeObserver | null = null;
    let cancelled = false;
    void Promise.all([import("uplot"), import("uplot/dist/uPlot.min.css")])
      .then(([{ default: UPlotClass }]) => {
        const el = host.current;
        if (cancelled || !el) return;
        const width = el.clientWidth || 480;
        chart = new UPlotClass({ ...props.options(UPlotClass, width), width, height: props.height }, props.data, el);
        observer = new ResizeObserver(() => chart?.setSize({ width: el.clientWidth || 480, height: props.height }));
        observer.observe(el);
        setReady(true);
      })
      .catch(() => setFailed(true));
    return () => {
      cancelled = true;
      observer?.disconnect();
      chart?.destroy();
    };
  }, [props.options, props.data, props.height]);
  if (failed) return null;
  return (
    <div class="chart sales-chart" ref={host} aria-hidden="true" data-testid={props.testId} data-ready={ready ? "true" : "false"}>
      {ready ? null : <p class="card__muted">{CRM_TEXT.loading}</p>}
    </div>
  );
}

/** Money on an axis, short ("€12k"). */
export function axisMoney(currency: string): (u: UPlotType, values: number[]) => string[] {
  const format = new Intl.NumberFormat(undefined, { style: "currency", currency, notation: "compact", maximumFractionDigits: 1 });
  return (_u, values) => values.map((v) => format.format(v / 100));
}

/** Options of a bar chart over named categories (products, customers, reps): one or more series of values per category. */
export function barOptions(labels: string[], series: { label: string; color: string }[], currency: string, category = ""): ChartOptions {
  const money = new Intl.NumberFormat(undefined, { style: "currency", currency });
  return (uplot, width) => ({
    width: 0,
    height: 0,
    // One series needs no key (the card's table names it); two (target and won) do.
    legend: { show: series.length > 1 },
    cursor: { drag: { x: false, y: false } },
    scales: { x: { time: false, range: [-0.5, labels.length - 0.5] }, y: { range: (_u, _min, max) => [0, Math.max(1, max) * 1.1] } },
    axes: [
      // Each label gets its bar's width (about 8 px a character, a gap kept), so neighbours never touch.
      { stroke: "#66748a", grid: { show: false }, splits: () => labels.map((_l, i) => i), values: (_u, splits) => splits.map((i) => shortLabel(labels[i] ?? "", Math.floor((width - 80) / Math.max(1, labels.length) / 8) - 1)) },
      { stroke: "#66748a", grid: { stroke: "#eef1f5" }, size: 60, values: axisMoney(currency) },
    ],
    series: [
      { label: category, value: (_u, i) => (i === null ? "—" : (labels[i] ?? "")) },
      ...series.map((s, i) => ({
        label: s.label,
        fill: s.color,
        stroke: s.color,
        width: 0,
        paths: uplot.paths.bars?.({ size: [series.length > 1 ? 0.4 : 0.6, 64], align: series.length > 1 ? ((i === 0 ? -1 : 1) as -1 | 1) : 0 }),
        points: { show: false },
        value: (_u: UPlotType, v: number | null) => (v === null ? "—" : money.format(v / 100)),
      })),
    ],
  });
}

function shortLabel(label: string, max: number): string {
  const room = Math.max(4, max);
  return label.length > room ? `${label.slice(0, room - 1)}…` : label;
}
