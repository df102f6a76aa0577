/** Reads another process's CPU time and resident memory from /proc (Linux), and samples them over a run. */
import { readFileSync } from "node:fs";

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** CPU seconds (user + system) a process has used so far, and its resident set in KB; null once it is gone. */
export function procSnapshot(pid: number): { cpuSeconds: number; rssKB: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the ")" closing the command name: state is field 3, utime 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const cpuSeconds = (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const rss = /VmRSS:\s+(\d+) kB/.exec(status);
    return { cpuSeconds, rssKB: rss ? Number(rss[1]) : 0 };
  } catch {
    return null;
  }
}

/** A running measurement of one process: CPU used since start (in cores: 1.0 = one core busy) and peak RSS. */
export type ProcMeter = { stop(): { cpuCores: number; cpuSeconds: number; rssMB: number; peakRssMB: number } };

/** Starts sampling a process every `intervalMs` until stop(). */
export function meterProcess(pid: number, intervalMs = 250): ProcMeter {
  const first = procSnapshot(pid) ?? { cpuSeconds: 0, rssKB: 0 };
  const started = performance.now();
  let peak = first.rssKB;
  let last = first;
  const timer = setInterval(() => {
    const snap = procSnapshot(pid);
    if (!snap) return;
    last = snap;
    peak = Math.max(peak, snap.rssKB);
  }, intervalMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      const end = procSnapshot(pid) ?? last;
      peak = Math.max(peak, end.rssKB);
      const seconds = (performance.now() - started) / 1000;
      const cpuSeconds = end.cpuSeconds - first.cpuSeconds;
      return {
        cpuCores: Math.round((cpuSeconds / Math.max(seconds, 0.001)) * 100) / 100,
        cpuSeconds: Math.round(cpuSeconds * 100) / 100,
        rssMB: Math.round(end.rssKB / 102.4) / 10,
        peakRssMB: Math.round(peak / 102.4) / 10,
      };
    },
  };
}

/** The 1-minute load average of the machine, for the record next to every figure. */
export function loadAverage(): number[] {
  try {
    return readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).map(Number);
  } catch {
    return [];
  }
}
