/**
 * The PCA map: a uPlot scatter (the console's chart library, through the Sales chart wrapper) with one series of dots
 * per segment; hovering a dot names the customer, clicking it opens their profile.
 */
import type UPlotType from "uplot";
import { useMemo, useRef, useState } from "preact/hooks";
import type { InsightMapDTO, InsightMapPointDTO } from "../../../../src/contracts/insights.ts";
import { INSIGHTS_TEXT } from "../../insights-strings.ts";
import { formatNumber, formatShare } from "../../format.ts";
import { Chart, type ChartOptions } from "../sales/chart.tsx";

/** Colours of the segments, in their order (the segment table uses the same). */
export const SEGMENT_COLORS = ["#3867d6", "#e55039", "#20bf6b", "#f7b731", "#8854d0", "#0fb9b1", "#fa8231", "#4b6584", "#eb3b5a", "#2d98da"];
const NO_SEGMENT_COLOR = "#a5b1c2";

/** A segment's colour by its position in the list (grey for customers without one). */
export function segmentColor(segments: string[], name: string | null): string {
  const i = name === null ? -1 : segments.indexOf(name);
  return i < 0 ? NO_SEGMENT_COLOR : (SEGMENT_COLORS[i % SEGMENT_COLORS.length] ?? NO_SEGMENT_COLOR);
}

/** The nearest point within `radius` CSS pixels of (left, top) in the plotting area. */
function nearest(u: UPlotType, points: InsightMapPointDTO[], left: number, top: number, radius = 10): InsightMapPointDTO | null {
  let best: InsightMapPointDTO | null = null;
  let bestDistance = radius * radius;
  for (const p of points) {
    const dx = u.valToPos(p.x, "x") - left;
    const dy = u.valToPos(p.y, "y") - top;
    const d = dx * dx + dy * dy;
    if (d <= bestDistance) {
      bestDistance = d;
      best = p;
    }
  }
  return best;
}

type Hover = { point: InsightMapPointDTO; left: number; top: number; flip: boolean };

/** The map card's chart, its hover label, and the axes' explained variance and loadings as text. */
export function InsightsMap(props: { map: InsightMapDTO; segments: string[]; onOpen: (customerId: string) => void }) {
  const { map, segments } = props;
  const [hover, setHover] = useState<Hover | null>(null);
  const wrapper = useRef<HTMLDivElement>(null);
  const onOpen = useRef(props.onOpen);
  onOpen.current = props.onOpen;
  // Sorted by x (uPlot's x values ascend); each segment's series holds y where the point is its member, null elsewhere.
  const points = useMemo(() => [...map.points].sort((a, b) => a.x - b.x), [map.points]);
  const groups = useMemo(() => {
    const names = [...segments];
    if (points.some((p) => p.segment === null || !names.includes(p.segment))) names.push("");
    return names;
  }, [points, segments]);
  const data = useMemo<UPlotType.AlignedData>(
    () => [points.map((p) => p.x), ...groups.map((g) => points.map((p) => ((p.segment ?? "") === g || (g === "" && p.segment !== null && !segments.includes(p.segment)) ? p.y : null)))],
    [points, groups, segments],
  );
  const variance = map.explainedVariance;
  const options = useMemo<ChartOptions>(
    () => () => ({
      width: 0,
      height: 0,
      legend: { show: true, live: false },
      cursor: { drag: { x: false, y: false }, x: false, y: false, points: { show: false } },
      scales: { x: { time: false } },
      axes: [
        { stroke: "#66748a", grid: { stroke: "#eef1f5" }, label: variance ? INSIGHTS_TEXT.axis(1, formatShare(variance[0])) : undefined },
        { stroke: "#66748a", grid: { stroke: "#eef1f5" }, label: variance ? INSIGHTS_TEXT.axis(2, formatShare(variance[1])) : undefined },
      ],
      series: [
        {},
        ...groups.map((g) => {
          const color = segmentColor(segments, g === "" ? null : g);
          return { label: g === "" ? INSIGHTS_TEXT.noSegment : g, stroke: color, fill: color, paths: () => null, points: { show: true, size: 9, width: 1.5, fill: `${color}99`, stroke: color } };
        }),
      ],
      hooks: {
        ready: [
          (u: UPlotType) => {
            const place = (e: MouseEvent): Hover | null => {
              const box = u.over.getBoundingClientRect();
              const left = e.clientX - box.left;
              const top = e.clientY - box.top;
              const point = nearest(u, points, left, top);
              if (!point) return null;
              const x = u.valToPos(point.x, "x");
              // The label goes to the side with more room, so it never leaves the card.
              return { point, left: x + u.over.offsetLeft, top: u.valToPos(point.y, "y") + u.over.offsetTop, flip: x > u.over.clientWidth / 2 };
            };
            u.over.addEventListener("mousemove", (e) => {
              const found = place(e);
              u.over.style.cursor = found ? "pointer" : "default";
              setHover(found);
            });
            u.over.addEventListener("mouseleave", () => setHover(null));
            u.over.addEventListener("click", (e) => {
              const found = place(e);
              if (found) onOpen.current(found.point.customerId);
            });
          },
        ],
        // Where the first customer's dot is drawn (relative to the plotting area), for tests and tools driving the map.
        draw: [
          (u: UPlotType) => {
            const first = points[0];
            if (first && wrapper.current) wrapper.current.dataset.firstPoint = `${Math.round(u.valToPos(first.x, "x"))},${Math.round(u.valToPos(first.y, "y"))}`;
          },
        ],
      },
    }),
    [groups, segments, points, variance],
  );
  return (
    <div class="insights-map" ref={wrapper} data-testid="insights-map" data-points={points.length}>
      <Chart options={options} data={data} height={340} testId="insights-map-chart" />
      {hover ? (
        <div class={`insights-map__tip${hover.flip ? " insights-map__tip--left" : ""}`} style={{ left: `${hover.left}px`, top: `${hover.top}px` }} role="tooltip" data-testid="insights-map-tip">
          <strong>{hover.point.name ?? INSIGHTS_TEXT.none}</strong>
          <span>{hover.point.segment ?? INSIGHTS_TEXT.noSegment}</span>
        </div>
      ) : null}
      {map.sampled ? <p class="card__muted">{INSIGHTS_TEXT.mapSampled(formatNumber(map.points.length), formatNumber(map.total))}</p> : null}
      {variance ? (
        <ul class="insights-axes" data-testid="insights-variance">
          {variance.map((share, i) => {
            const loadings = map.loadings.find((l) => l.component === i + 1)?.features ?? [];
            return (
              <li key={i}>
                <strong>{INSIGHTS_TEXT.explained(i + 1, formatShare(share))}</strong>
                {loadings.length > 0 ? `; ${INSIGHTS_TEXT.loadings}: ${loadings.map((l) => `${l.feature} (${l.loading >= 0 ? "+" : ""}${l.loading.toFixed(2)})`).join(", ")}` : null}
              </li>
            );
          })}
        </ul>
      ) : null}
    </div>
  );
}
