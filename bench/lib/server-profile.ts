/** Optional --profile support: a directory for the server's --cpu-prof and a stderr summary once the server has stopped. */
import { formatProfile, newestProfile, summarizeProfile, type ProfileWindow } from "./profile.ts";
import { progress } from "./processes.ts";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { ROOT } from "./processes.ts";

/** When profiling, where the server writes its profile, and a function that summarises it after the server stopped. */
export function serverProfiler(enabled: boolean, name: string): { dir?: string; report(windows?: ProfileWindow[]): { file: string; top: ReturnType<typeof summarizeProfile> } | undefined } {
  if (!enabled) return { report: () => undefined };
  // Kept under bench/profiles/ (not a temp dir) so the profile can be opened in DevTools afterwards.
  const dir = path.join(ROOT, "bench/profiles", `${name}-${new Date().toISOString().replace(/[:.]/g, "-")}`);
  mkdirSync(dir, { recursive: true });
  return {
    dir,
    report(windows) {
      const file = newestProfile(dir);
      if (!file) {
        progress(`no CPU profile was written in ${dir}`);
        return undefined;
      }
      const top = summarizeProfile(file, 25, windows);
      progress(formatProfile(top, file));
      return { file, top: { ...top, functions: top.functions.slice(0, 15), packages: top.packages.slice(0, 10) } };
    },
  };
}
