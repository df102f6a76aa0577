/**
 * The customer's sentiment over their conversations, drawn with uPlot: the smallest of the two chart libraries
 * DESIGN.md names (~50 kB against ECharts' ~1 MB) for one line of at most 50 points, and loaded only when a profile
 * shows a chart, so the console's first bundle stays small.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import type { SentimentPointDTO } from "../../../../src/contracts/crm.ts";
import { PROFILE_TEXT } from "../../crm-strings.ts";
import { formatDate, formatScore } from "../../format.ts";

const WEEK_S = 7 * 24 * 3600;

/** The newest points the chart draws. */
export const CHART_POINTS = 50;

/** The chart's series: times in seconds (uPlot's x unit), oldest first, and each conversation's closing sentiment. */
export function chartSeries(points: SentimentPointDTO[]): [number[], number[]] {
  const sorted = [...points].sort((a, b) => Date.parse(a.at) - Date.parse(b.at)).slice(-CHART_POINTS);
  return [sorted.map((p) => Math.floor(Date.parse(p.at) / 1000)), sorted.map((p) => p.end)];
}

function Chart(props: { points: SentimentPointDTO[] }) {
  const host = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);
  const [ready, setReady] = useState(false);
  useEffect(() => {
    let chart: { destroy: () => void; setSize: (s: { width: number; height: number }) => void } | null = null;
    let observer: ResizeObserver | null = null;
    let cancelled = false;
    void Promise.all([import("uplot"), import("uplot/dist/uPlot.min.css")])
      .then(([{ default: UPlot }]) => {
        const el = host.current;
        if (cancelled || !el) return;
        const [xs, ys] = chartSeries(props.points);
        const range = Math.max(1, ...ys.map((y) => Math.abs(y)));
        chart = new UPlot(
          {
            width: el.clientWidth || 300,
            height: 160,
            legend: { show: false },
            cursor: { drag: { x: false, y: false } },
            // One conversation alone would get a span of years around it; a week either side reads as "here, now".
            scales: { x: xs.length === 1 ? { range: [xs[0] - WEEK_S, xs[0] + WEEK_S] } : {}, y: { range: [-range, range] } },
            axes: [
              { stroke: "#66748a", grid: { show: false }, size: 28 },
              { stroke: "#66748a", grid: { stroke: "#eef1f5" }, size: 36 },
            ],
            series: [{}, { label: PROFILE_TEXT.sentiment, stroke: "#2563eb", width: 2, points: { show: true, size: 7, fill: "#2563eb" } }],
          },
          [xs, ys],
          el,
        );
        observer = new ResizeObserver(() => chart?.setSize({ width: el.clientWidth || 300, height: 160 }));
        observer.observe(el);
        setReady(true);
      })
      .catch(() => setFailed(true));
    return () => {
      cancelled = true;
      observer?.disconnect();
      chart?.destroy();
    };
  }, [props.points]);
  if (failed) return null;
  return (
    <div class="chart" ref={host} aria-hidden="true" data-testid="sentiment-chart" data-ready={ready ? "true" : "false"}>
      {ready ? null : <p class="card__muted">{PROFILE_TEXT.chartLoading}</p>}
    </div>
  );
}

/** The card: the chart for sighted users, the same figures as a list for screen readers. */
export function SentimentCard(props: { points: SentimentPointDTO[] }) {
  const { points } = props;
  return (
    <section class="card" aria-labelledby="sentiment-title" data-testid="sentiment-card">
      <h2 class="card__title" id="sentiment-title">
        {PROFILE_TEXT.sentiment}
      </h2>
      {points.length === 0 ? (
        <p class="card__muted">{PROFILE_TEXT.sentimentEmpty}</p>
      ) : (
        <>
          <Chart points={points} />
          <ul class="visually-hidden">
            {points.slice(-CHART_POINTS).map((p) => (
              <li key={p.conversationId}>
                {formatDate(p.at)}: {formatScore(p.end)}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
