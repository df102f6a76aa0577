import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, createTestApp, type TestApp } from "../support/create-test-app.ts";
import { browserForFile, signIn } from "./browser.ts";

const artifacts = fileURLToPath(new URL("../artifacts/header-layout", import.meta.url));
const browser = browserForFile(artifacts);

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
}, 120_000);
afterAll(async () => {
  await app?.close();
});

/** How the header lays out: whether it scrolls sideways, and each of its controls' box (those past the right edge, or cut). */
async function headerLayout(page: Page) {
  return page.evaluate(() => {
    const header = document.querySelector(".topbar") as HTMLElement;
    const right = header.getBoundingClientRect().right;
    const controls = [...header.querySelectorAll<HTMLElement>("button, input, a, [data-testid=current-user], [data-testid=connection-state]")].filter((el) => el.offsetParent !== null);
    return {
      overflow: header.scrollWidth - header.clientWidth,
      pageOverflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      outside: controls.filter((el) => el.getBoundingClientRect().right > right + 0.5).map((el) => el.dataset.testid ?? el.textContent),
      // A control whose own text does not fit in it (squeezed by the row) is cut too.
      squeezed: controls.filter((el) => el.scrollWidth > el.clientWidth + 1 && el.tagName === "BUTTON").map((el) => el.dataset.testid ?? el.textContent),
      navItems: header.querySelectorAll(".topnav__item").length,
    };
  });
}

describe("the console header", () => {
  for (const width of [1280, 1440]) {
    it(`an admin's header (every page in the navigation) fits ${width} px with no horizontal overflow`, async () => {
      const page = await browser.newPage({ width, height: 800 });
      await page.goto(`${app.url}/console`);
      await signIn(page, ADMIN.email, ADMIN.password);
      await page.getByTestId("logout").waitFor();
      const layout = await headerLayout(page);
      expect(layout.navItems).toBeGreaterThanOrEqual(8);
      expect(layout).toMatchObject({ overflow: 0, pageOverflow: 0, outside: [], squeezed: [] });
      await page.screenshot({ path: `${artifacts}/admin-header-${width}.png`, clip: { x: 0, y: 0, width, height: 120 } });
      await page.context().close();
    });
  }

  it("an agent's header fits 1280 px too", async () => {
    const page = await browser.newPage({ width: 1280, height: 800 });
    await page.goto(`${app.url}/console`);
    await signIn(page, "alex@switchboard.local");
    expect(await headerLayout(page)).toMatchObject({ overflow: 0, pageOverflow: 0, outside: [], squeezed: [] });
    await page.context().close();
  });
});
