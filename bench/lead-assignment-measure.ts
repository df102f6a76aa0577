/**
 * Times the lead-assignment solve alone, without a server: `npx tsx bench/lead-assignment-measure.ts [--deals 2000]
 * [--reps 50] [--segments 20] [--rep-segments 0] [--runs 3]`. Random plans shaped like the service's (value = P(win) ×
 * amount, P by rep and segment; reps cover `rep-segments` segments, 0 = any; room for 1.2× the deals), each solved in
 * this process's resident HiGHS thread; the first run includes starting it. Prints one JSON object: every run's HiGHS
 * time and wall time, their medians, and the load average.
 */
import os from "node:os";
import { solveAssignment } from "../src/optimize/index.ts";

const args = process.argv.slice(2);
const option = (name: string, fallback: number): number => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? Number(args[at + 1] ?? fallback) : fallback;
};
const deals = option("deals", 2000);
const reps = option("reps", 50);
const segments = option("segments", 20);
const repSegments = option("rep-segments", 0);
const runs = option("runs", 3);

/** A seeded generator (Park–Miller). */
function random(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 16807) % 2147483647) / 2147483647;
}

function instance(seed: number): { values: (number | null)[][]; capacity: number[] } {
  const next = random(seed);
  const covers = Array.from({ length: reps }, (_, r) => new Set(Array.from({ length: repSegments }, (_, k) => (r + k * Math.max(1, Math.floor(segments / Math.max(1, repSegments)))) % segments)));
  const p = Array.from({ length: reps }, () => Array.from({ length: segments }, () => 0.1 + next() * 0.6));
  const values = Array.from({ length: deals }, () => {
    const amount = 1000 + Math.round(next() * 500_000);
    const segment = Math.floor(next() * segments);
    return Array.from({ length: reps }, (_, r) => (repSegments === 0 || covers[r].has(segment) ? p[r][segment] * amount : null));
  });
  return { values, capacity: Array.from({ length: reps }, () => Math.ceil((1.2 * deals) / reps)) };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  const loadBefore = os.loadavg().map((l) => Math.round(l * 100) / 100);
  const results: { solveMs: number; wallMs: number; status: string }[] = [];
  for (let run = 0; run < runs; run++) {
    const problem = instance(42 + run);
    const started = performance.now();
    const result = await solveAssignment(problem, { assignAll: true });
    results.push({ solveMs: Math.round(result.solveMs), wallMs: Math.round(performance.now() - started), status: result.status });
  }
  const output = {
    deals,
    reps,
    segments,
    repSegments,
    runs: results,
    medianSolveMs: median(results.map((r) => r.solveMs)),
    medianWallMs: median(results.map((r) => r.wallMs)),
    loadAverage: { before: loadBefore, after: os.loadavg().map((l) => Math.round(l * 100) / 100) },
  };
  process.stdout.write(JSON.stringify(output) + "\n");
}

void main();
