/** Launches Debian's Chromium for the browser tests (a missing browser fails them with an install hint: they never skip), and the set-up the console's tests share. */
import { existsSync, mkdirSync } from "node:fs";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { AGENT_PASSWORD } from "../support/create-test-app.ts";
import { buildConsole } from "./console-build.ts";

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

/**
 * The browser set-up a test file shares: its artifacts folder made, the console built and Chromium launched before its
 * tests, Chromium closed after them. `newPage` opens a page in a fresh context (its own cookies) at a desktop size.
 */
export function browserForFile(artifacts: string): { newPage(viewport?: { width: number; height: number }): Promise<Page> } {
  let browser: Browser | undefined;
  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    await buildConsole();
    browser = await launchChromium();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
  });
  return {
    async newPage(viewport = { width: 1440, height: 960 }) {
      if (!browser) throw new Error("the browser is not running: call browserForFile at the top of the test file");
      return (await browser.newContext({ viewport })).newPage();
    },
  };
}

/** Signs in on the console's login form and waits for the console. */
export async function signIn(page: Page, email: string, password: string = AGENT_PASSWORD): Promise<void> {
  await page.getByTestId("login-email").fill(email);
  await page.getByTestId("login-password").fill(password);
  await page.getByTestId("login-submit").click();
  await page.getByTestId("console").waitFor();
}
