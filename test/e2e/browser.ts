/** Launches Debian's Chromium for the browser tests; in CI a missing browser is an error, locally the tests are skipped. */
import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";

const CANDIDATES = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

/** Path of the Chromium executable, or undefined when none is installed. */
export const chromiumPath: string | undefined = CANDIDATES.find((p): p is string => !!p && existsSync(p));

/** True when the browser tests must be skipped: no Chromium and not in CI (where its absence must fail them). */
export const skipBrowserTests: boolean = !chromiumPath && !process.env.CI;

/** Starts a headless Chromium; throws with an install hint when it is missing. */
export async function launchChromium(): Promise<Browser> {
  if (!chromiumPath) throw new Error("Chromium not found: install it with `apt-get install -y chromium` or set CHROMIUM_PATH");
  return chromium.launch({
    executablePath: chromiumPath,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-dev-shm-usage"],
  });
}
