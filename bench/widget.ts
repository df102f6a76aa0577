/** `widget`: size of the built widget script (raw, gzipped) and the time from navigation start to a usable launcher in headless Chromium (median of several fresh loads). */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { brotliCompressSync, gzipSync } from "node:zlib";
import { chromium } from "playwright-core";
import type { BenchArgs } from "./lib/args.ts";
import { progress, ROOT } from "./lib/processes.ts";
import { median, round, summarize } from "./lib/stats.ts";
import { keyValues } from "./lib/table.ts";

const WIDGET_FILE = path.join(ROOT, "widget/dist/widget.js");
const CHROMIUM_CANDIDATES = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

const PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Shop</title>
<style>body{font-family:system-ui,sans-serif;margin:0}header{background:#1f2933;color:#fff;padding:18px 32px}main{max-width:760px;margin:40px auto;padding:0 24px}</style>
</head>
<body>
<header>Acme Outdoor</header>
<main><h1>Need help with an order?</h1><p>${"Lorem ipsum dolor sit amet, consectetur adipiscing elit. ".repeat(20)}</p></main>
<script src="/widget.js" data-inbox="demo" async></script>
</body>
</html>`;

// Runs in the page before any script: notes performance.now() when the launcher first exists inside the open shadow root, has a layout box and is enabled.
const DETECTOR = `(() => {
  const check = () => {
    if (window.__sbLauncherReady) return true;
    const host = document.querySelector("switchboard-widget");
    const button = host && host.shadowRoot && host.shadowRoot.querySelector("button.launcher");
    if (!button || !button.isConnected || button.disabled) return false;
    const box = button.getBoundingClientRect();
    if (box.width <= 0 || box.height <= 0) return false;
    window.__sbLauncherReady = performance.now();
    return true;
  };
  const observer = new MutationObserver(() => { if (check()) observer.disconnect(); });
  observer.observe(document, { childList: true, subtree: true });
  const poll = () => { if (!check()) requestAnimationFrame(poll); };
  requestAnimationFrame(poll);
})();`;

function ensureBuilt(): boolean {
  if (existsSync(WIDGET_FILE)) return false;
  progress("widget/dist/widget.js is missing: building it with vite…");
  const build = spawnSync(process.execPath, [path.join(ROOT, "node_modules/vite/bin/vite.js"), "build", "--config", "widget/vite.config.ts"], { cwd: ROOT, encoding: "utf8" });
  if (build.status !== 0 || !existsSync(WIDGET_FILE)) throw new Error(`widget build failed:\n${build.stdout}\n${build.stderr}`);
  return true;
}

/** Runs the benchmark: `--n 9` fresh page loads (median reported). */
export async function run(args: BenchArgs): Promise<Record<string, unknown>> {
  const loads = Math.max(1, args.num("n", 9));
  const built = ensureBuilt();
  const script = readFileSync(WIDGET_FILE);
  const bytes = script.length;
  const gzipBytes = gzipSync(script, { level: 9 }).length;
  const gzipDefaultBytes = gzipSync(script).length;
  const brotliBytes = brotliCompressSync(script).length;

  const executablePath = CHROMIUM_CANDIDATES.find((p): p is string => !!p && existsSync(p));
  if (!executablePath) throw new Error("Chromium not found: install it (apt-get install -y chromium) or set CHROMIUM_PATH");

  // The page and the script come from a local server; a fresh browser context per load is a first-time visitor, who connects only on first open.
  const server = http.createServer((req, res) => {
    if (req.url?.startsWith("/widget.js")) {
      res.writeHead(200, { "content-type": "text/javascript; charset=utf-8", "cache-control": "no-store", "content-length": bytes });
      res.end(script);
    } else if (req.url === "/" || req.url?.startsWith("/?")) {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
      res.end(PAGE);
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/`;

  const browser = await chromium.launch({ executablePath, args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-dev-shm-usage"] });
  const samples: { readyMs: number; domContentLoadedMs: number; loadEventMs: number }[] = [];
  let launcherOpensPanel = false;
  try {
    for (let i = 0; i < loads + 1; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.addInitScript(DETECTOR);
      await page.goto(url, { waitUntil: "load", timeout: 30_000 });
      await page.waitForFunction(() => (window as unknown as { __sbLauncherReady?: number }).__sbLauncherReady, undefined, { timeout: 15_000 });
      const timing = await page.evaluate(() => {
        const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
        return { readyMs: (window as unknown as { __sbLauncherReady: number }).__sbLauncherReady, domContentLoadedMs: nav.domContentLoadedEventEnd, loadEventMs: nav.loadEventEnd };
      });
      if (i === 0) {
        // The first load warms Chromium's caches and is not counted; it also checks that the launcher really opens the panel.
        const launcher = page.locator("switchboard-widget button.launcher");
        await launcher.click({ timeout: 5000 });
        launcherOpensPanel = (await launcher.getAttribute("aria-expanded")) === "true";
      } else {
        samples.push(timing);
      }
      await context.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
  const ready = samples.map((s) => s.readyMs);
  progress(`launcher ready after ${round(median(ready))} ms (median of ${samples.length}); ${bytes} B raw, ${gzipBytes} B gzip`);
  return {
    bytes,
    gzipBytes,
    loaderGzipBytes: gzipBytes,
    loaderSplit: false,
    launcherReadyMs: round(median(ready)),
    launcherReady: summarize(ready),
    domContentLoadedMs: round(median(samples.map((s) => s.domContentLoadedMs))),
    loadEventMs: round(median(samples.map((s) => s.loadEventMs))),
    launcherOpensPanel,
    gzipDefaultLevelBytes: gzipDefaultBytes,
    brotliBytes,
    loads: samples.length,
    builtNow: built,
    setup: {
      file: "widget/dist/widget.js (one IIFE; loaderGzipBytes = gzipBytes because there is no separate loader)",
      gzip: "zlib level 9 (gzipDefaultLevelBytes: level 6)",
      timing: "performance.now() (ms since navigation start) when button.launcher exists in the <switchboard-widget> open shadow root, is enabled and has a layout box; fresh context per load, script served from 127.0.0.1 uncached; first load not counted",
      chromium: `${executablePath} --headless --no-sandbox --disable-gpu --disable-background-networking`,
    },
  };
}

/** Human-readable form. */
export function format(result: Record<string, unknown>): string {
  return keyValues(result);
}
