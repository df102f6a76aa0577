/** Launches Debian's Chromium for the browser tests; a missing browser fails them with an install hint (they never skip). */
import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";

const CANDIDATES = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

/** Path of the Chromium executable, or undefined when none is installed. */
export const chromiumPath: string | undefined = CANDIDATES.find((p): p is string => !!p && existsSync(p));

/** Starts a headless Chromium; throws with an install hint when it is missing. */
export async function launchChromium(): Promise<Browser> {
  if (!chromiumPath) throw new Error("Chromium not found: install it with `apt-get install -y chromium` or set CHROMIUM_PATH");
  return chromium.launch({
    executablePath: chromiumPath,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-dev-shm-usage"],
  });
}
