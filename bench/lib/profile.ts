/** Summarises a V8 .cpuprofile (from `node --cpu-prof`): top self-time functions and self time per package. */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

type ProfileNode = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] };
type Profile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number };

/** One line of the summary. */
export type ProfileEntry = { name: string; selfMs: number; percent: number };

function where(url: string): string {
  if (!url) return "(native)";
  const nm = url.lastIndexOf("node_modules/");
  if (nm >= 0) {
    const rest = url.slice(nm + "node_modules/".length).split("/");
    return rest[0].startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (url.startsWith("node:")) return "node:internal";
  const m = /\/work\/[^/]+\/(.*)$/.exec(url.replace("file://", ""));
  return m ? m[1].split("/").slice(0, 2).join("/") : url;
}

/** Microseconds on the monotonic clock V8 profiles use (CLOCK_MONOTONIC, shared by all processes of the machine). */
export function monotonicUs(): number {
  return Number(process.hrtime.bigint() / 1000n);
}

/** A time window [startUs, endUs] on monotonicUs(). */
export type ProfileWindow = [number, number];

/** Reads a profile and returns the top functions by self time and the self time per package or source folder; with windows, only samples inside them count (e.g. the load phases, not startup). */
export function summarizeProfile(file: string, top = 25, windows?: ProfileWindow[]): { totalMs: number; functions: ProfileEntry[]; packages: ProfileEntry[]; windowed: boolean } {
  const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  let t = profile.startTime;
  const inWindow = (at: number): boolean => !windows || windows.length === 0 || windows.some(([a, b]) => at >= a && at <= b);
  profile.samples.forEach((id, i) => {
    t += profile.timeDeltas[i] ?? 0;
    if (inWindow(t)) selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const fn = new Map<string, number>();
  const pkg = new Map<string, number>();
  let total = 0;
  for (const [id, us] of selfUs) {
    const node = byId.get(id);
    if (!node) continue;
    const cf = node.callFrame;
    total += us;
    const short = cf.url ? `${cf.url.replace(/^file:\/\/.*?\/(node_modules|src|bots|bench)\//, "$1/")}:${cf.lineNumber + 1}` : "";
    const key = `${cf.functionName || "(anonymous)"} ${short}`.trim();
    fn.set(key, (fn.get(key) ?? 0) + us);
    const p = cf.functionName === "(idle)" || cf.functionName === "(program)" || cf.functionName === "(garbage collector)" ? cf.functionName : where(cf.url);
    pkg.set(p, (pkg.get(p) ?? 0) + us);
  }
  const list = (m: Map<string, number>): ProfileEntry[] =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, selfMs: Math.round(us / 100) / 10, percent: Math.round((us / total) * 1000) / 10 }));
  return { totalMs: Math.round(total / 1000), functions: list(fn), packages: list(pkg), windowed: !!windows && windows.length > 0 };
}

/** The main thread's .cpuprofile in a directory, if any (CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile; thread 0 is the main thread, others are loader-hook or worker threads). */
export function newestProfile(dir: string): string | undefined {
  const files = readdirSync(dir).filter((f) => f.endsWith(".cpuprofile")).sort();
  const main = files.filter((f) => f.split(".")[4] === "0");
  const pick = (main.length ? main : files).at(-1);
  return pick ? path.join(dir, pick) : undefined;
}

/** Formats a summary for stderr. */
export function formatProfile(summary: ReturnType<typeof summarizeProfile>, file: string): string {
  const lines = [`CPU profile ${file} (${summary.totalMs} ms sampled${summary.windowed ? " inside the measured phases" : ""})`, "  top self time by package/folder:"];
  for (const e of summary.packages.slice(0, 12)) lines.push(`    ${String(e.percent).padStart(5)}%  ${String(e.selfMs).padStart(9)} ms  ${e.name}`);
  lines.push("  top self time by function:");
  for (const e of summary.functions) lines.push(`    ${String(e.percent).padStart(5)}%  ${String(e.selfMs).padStart(9)} ms  ${e.name}`);
  return lines.join("\n");
}

// `tsx bench/lib/profile.ts file.cpuprofile` prints the summary.
if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split("/").pop()!) && process.argv[2]) {
  process.stdout.write(formatProfile(summarizeProfile(process.argv[2], Number(process.argv[3] ?? 25)), process.argv[2]) + "\n");
}
