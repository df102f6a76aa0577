import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ConversationNoteDTO } from "../../src/contracts/helpdesk.ts";
import type { TicketDTO, UserDTO } from "../../src/contracts/api.ts";
import type { NotificationPrefs, ProfileDTO } from "../../src/contracts/profile.ts";
import { api } from "../support/api-client.ts";
import { createTestApp, type TestApp } from "../support/create-test-app.ts";
import { handedOffTicket } from "../support/handoff.ts";
import { browserForFile, signIn } from "./browser.ts";

const artifacts = fileURLToPath(new URL("../artifacts/agent-tools", import.meta.url));
const browser = browserForFile(artifacts);
const NOTE = "Billing question, Sam knows the refund rules";

let app: TestApp;
let alex: Page;
let sam: Page;
let samId: string;
let samCookie: string;
let alexCookie: string;
let transferred: { ticketId: string; conversationId: string };
let others: { ticketId: string; conversationId: string }[];

beforeAll(async () => {
  app = await createTestApp();
  samCookie = await app.login("sam@switchboard.local");
  alexCookie = await app.login("alex@switchboard.local");
  samId = (await api<{ data: UserDTO }>(app.url, "GET", "/api/v1/auth/me", { cookie: samCookie })).body.data.id;
  const alexId = (await api<{ data: UserDTO }>(app.url, "GET", "/api/v1/auth/me", { cookie: alexCookie })).body.data.id;
  others = [await handedOffTicket(app, alexId, "My parcel is late"), await handedOffTicket(app, alexId, "Can I change my address?")];
  transferred = await handedOffTicket(app, alexId, "I was charged twice for my order");
  [alex, sam] = await Promise.all([browser.newPage(), browser.newPage()]);
  await alex.goto(`${app.url}/console/conversations/${transferred.conversationId}`);
  await signIn(alex, "alex@switchboard.local");
  await alex.getByTestId("ticket-details").waitFor();
  // Stands in for the browser's Notification API: counts permission requests (answering them without a prompt; none may
  // happen on load) and the desktop notifications the console shows.
  await sam.addInitScript(() => {
    const w = window as unknown as { __asked: number; __permission: NotificationPermission; __shown: string[] };
    w.__asked = 0;
    w.__permission = "default";
    w.__shown = [];
    class CountedNotification {
      static get permission(): NotificationPermission {
        return w.__permission;
      }
      static requestPermission(): Promise<NotificationPermission> {
        w.__asked += 1;
        w.__permission = "granted";
        return Promise.resolve(w.__permission);
      }
      onclick: (() => void) | null = null;
      constructor(title: string, options?: { body?: string }) {
        w.__shown.push(`${title} | ${options?.body ?? ""}`);
      }
      close(): void {}
    }
    Object.defineProperty(window, "Notification", { value: CountedNotification, configurable: true, writable: true });
  });
  await sam.goto(`${app.url}/console/`);
  await signIn(sam, "sam@switchboard.local");
  await sam.getByTestId("conversation-list").waitFor();
}, 240_000);

afterAll(async () => {
  await alex?.context().close();
  await sam?.context().close();
  await app?.close();
});

describe("the agent's daily tools in Chromium, two agents side by side", () => {
  it("Alex transfers the conversation to Sam from the keyboard picker; Sam sees it appear live and sees that Alex is viewing and typing", async () => {
    // Opening a conversation puts the focus in the reply box.
    await expect.poll(() => alex.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("reply-input");
    await alex.getByTestId("assign-open").click();
    await alex.getByTestId("assign-dialog").waitFor();
    const samOption = alex.getByTestId("assign-option-Sam Support");
    await samOption.waitFor();
    await alex.getByTestId("assign-filter").fill("sam");
    await expect.poll(() => alex.locator("[data-testid^=assign-option-]").count()).toBe(1);
    expect(await samOption.getAttribute("aria-selected")).toBe("true");
    expect(await samOption.textContent()).toMatch(/Online|Away|Offline/);
    expect(await samOption.textContent()).toMatch(/\d+ open/);
    await alex.getByTestId("assign-note").fill(NOTE);
    await alex.screenshot({ path: `${artifacts}/assign-picker.png` });
    // Enter in the filter picks the highlighted agent; with a note, that is a transfer.
    await alex.getByTestId("assign-filter").press("Enter");
    await alex.getByTestId("assign-dialog").waitFor({ state: "detached" });
    await expect.poll(() => alex.getByTestId("ticket-assignee").textContent()).toBe("Sam Support");

    // Sam's console hears of it at once: a notice, the Tickets tab's unread badge, the conversation assigned to Sam in the list.
    await sam.getByTestId("tab-tickets-unread").waitFor();
    expect(await sam.getByTestId("tab-tickets-unread").textContent()).toBe("1");
    const item = sam.locator(`[data-testid=conversation-item][data-conversation-id="${transferred.conversationId}"]`);
    await expect.poll(() => item.textContent()).toContain("Sam Support");
    await item.click();
    await sam.getByTestId("ticket-details").waitFor();
    await expect.poll(() => sam.getByTestId("ticket-assignee").textContent()).toBe("Sam Support");
    await expect.poll(() => sam.getByTestId("tab-tickets-unread").count()).toBe(0);
    await sam.locator("[data-testid=note-item]", { hasText: NOTE }).waitFor();
    await sam.getByTestId("collision-viewing").waitFor();
    expect(await sam.getByTestId("collision-viewing").textContent()).toContain("Alex Agent is viewing");
    await alex.getByTestId("collision-viewing").waitFor();
    expect(await alex.getByTestId("collision-viewing").textContent()).toContain("Sam Support is viewing");

    await alex.getByTestId("reply-input").click();
    await alex.getByTestId("reply-input").pressSequentially("Let me check with");
    await sam.getByTestId("collision-typing").waitFor();
    expect(await sam.getByTestId("collision-typing").textContent()).toContain("Alex Agent is typing a reply");
    await sam.screenshot({ path: `${artifacts}/colleague-viewing-and-typing.png` });

    const notes = await api<{ data: ConversationNoteDTO[] }>(app.url, "GET", `/api/v1/conversations/${transferred.conversationId}/notes`, { cookie: await app.login() });
    expect(notes.body.data.map((n) => n.text)).toEqual([NOTE]);
    const ticket = await api<{ data: TicketDTO }>(app.url, "GET", `/api/v1/tickets/${transferred.ticketId}`, { cookie: await app.login() });
    expect(ticket.body.data.assignee?.id).toBe(samId);
  });

  it('a reply sent after a colleague\'s newer reply asks "send anyway?" and goes only when told to', async () => {
    const path = `/api/v1/conversations/${transferred.conversationId}/messages`;
    let raced = false;
    // Morgan's reply lands while Sam's is on its way: Sam's console had not seen it when Sam pressed Enter.
    await sam.route(`**${path}`, async (route) => {
      if (route.request().method() === "POST" && !raced) {
        raced = true;
        const morgan = await app.login("morgan@switchboard.local");
        expect((await api(app.url, "POST", path, { cookie: morgan, body: { text: "Morgan here: refund approved" } })).status).toBe(201);
      }
      await route.continue();
    });
    await sam.getByTestId("reply-input").fill("Sam here, I will sort out the refund");
    await sam.getByTestId("reply-input").press("Enter");
    await sam.getByTestId("reply-conflict").waitFor();
    expect(await sam.getByTestId("reply-conflict-text").textContent()).toBe("Morgan Manager replied while you were typing — send anyway?");
    await sam.screenshot({ path: `${artifacts}/reply-conflict.png` });
    const stored = async (): Promise<string[]> =>
      (await api<{ data: { text: string }[] }>(app.url, "GET", path, { cookie: await app.login() })).body.data.map((m) => m.text);
    expect(await stored()).not.toContain("Sam here, I will sort out the refund");
    await sam.getByTestId("reply-conflict-send").click();
    await sam.getByTestId("reply-conflict").waitFor({ state: "detached" });
    await expect.poll(stored).toContain("Sam here, I will sort out the refund");
    await sam.unroute(`**${path}`);
  });

  it("j and k move between conversations without the mouse, Escape leaves the reply box, and ? opens the shortcut list", async () => {
    await alex.getByTestId("reply-input").fill("");
    await alex.getByTestId("reply-input").press("Escape");
    await expect.poll(() => alex.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("conversation-item");
    const before = await alex.getByTestId("conversation-view").getAttribute("data-conversation-id");
    await alex.keyboard.press("j");
    await expect.poll(() => alex.getByTestId("conversation-view").getAttribute("data-conversation-id")).not.toBe(before);
    await expect.poll(() => alex.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("conversation-item");
    await alex.keyboard.press("k");
    await expect.poll(() => alex.getByTestId("conversation-view").getAttribute("data-conversation-id")).toBe(before);
    // The list keeps the focus once the conversation has loaded, as after j (r then starts writing).
    await expect.poll(() => alex.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("conversation-item");
    // Letters typed in a field are text, never shortcuts.
    await alex.keyboard.press("r");
    await expect.poll(() => alex.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("reply-input");
    await alex.keyboard.type("jk");
    expect(await alex.getByTestId("reply-input").inputValue()).toBe("jk");
    expect(await alex.getByTestId("conversation-view").getAttribute("data-conversation-id")).toBe(before);
    await alex.getByTestId("reply-input").fill("");
    await alex.getByTestId("reply-input").press("Escape");

    await alex.keyboard.press("?");
    await alex.getByTestId("shortcuts-overlay").waitFor();
    expect(await alex.getByTestId("shortcuts-overlay").textContent()).toContain("Next conversation");
    await alex.screenshot({ path: `${artifacts}/shortcuts-overlay.png` });
    await alex.keyboard.press("Escape");
    await alex.getByTestId("shortcuts-overlay").waitFor({ state: "detached" });
  });

  it("snoozing takes the conversation out of the open list", async () => {
    const target = others[0];
    await alex.goto(`${app.url}/console/conversations/${target.conversationId}`);
    await alex.getByTestId("ticket-details").waitFor();
    const item = alex.locator(`[data-testid=conversation-item][data-conversation-id="${target.conversationId}"]`);
    await item.waitFor();
    await alex.getByTestId("snooze-apply").click();
    await alex.getByTestId("snoozed").waitFor();
    await expect.poll(() => item.count()).toBe(0);
    await alex.screenshot({ path: `${artifacts}/snoozed.png` });
    // The "Snoozed" filter lists it, with when it comes back; the keyboard reaches the filter like the others.
    await alex.getByTestId("filter-snoozed").click();
    await item.waitFor();
    expect(await alex.getByTestId("filter-snoozed").getAttribute("aria-selected")).toBe("true");
    expect(await item.getByTestId("conversation-snoozed").textContent()).toMatch(/^Snoozed until /);
    expect(await alex.locator("[data-testid=conversation-item]").count()).toBe(1);
    await alex.screenshot({ path: `${artifacts}/snoozed-list.png` });
    await alex.getByTestId("filter-open").click();
    await expect.poll(() => item.count()).toBe(0);
  });

  it("desktop notifications are asked for from the top bar, never on load, and the sound choice is kept", async () => {
    const asked = (): Promise<number> => sam.evaluate(() => (window as unknown as { __asked: number }).__asked);
    expect(await asked()).toBe(0);
    await sam.getByTestId("notify-open").click();
    await sam.getByTestId("notify-popover").waitFor();
    await sam.screenshot({ path: `${artifacts}/notifications-menu.png` });
    await sam.getByTestId("notify-enable").click();
    expect(await asked()).toBe(1);
    await expect.poll(() => sam.getByTestId("notify-state").textContent()).toBe("Desktop notifications are on");
    await sam.getByTestId("notify-sound").check();
    // The sound choice is Sam's profile on the server, not this browser's storage.
    const prefs = async (): Promise<NotificationPrefs> => (await api<{ data: ProfileDTO }>(app.url, "GET", "/api/v1/auth/profile", { cookie: samCookie })).body.data.notificationPrefs;
    await expect.poll(async () => (await prefs()).sound).toBe(true);
    expect(await sam.evaluate(() => Object.keys(localStorage).filter((k) => k.includes("notify")))).toEqual([]);
    await sam.keyboard.press("Escape");
    await sam.getByTestId("notify-popover").waitFor({ state: "detached" });
    await expect.poll(() => sam.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("notify-open");
  });

  it("with mentions turned off in the profile a mention shows only the toast; turned on, it also shows one desktop notification", async () => {
    const shown = (): Promise<string[]> => sam.evaluate(() => (window as unknown as { __shown: string[] }).__shown);
    const mention = async (text: string): Promise<void> => {
      const res = await api(app.url, "POST", `/api/v1/conversations/${transferred.conversationId}/notes`, { cookie: alexCookie, body: { text } });
      expect(res.status).toBe(201);
    };
    const setMentions = async (on: boolean): Promise<void> => {
      await sam.getByTestId("nav-security").click();
      const box = sam.getByTestId("profile-pref-mentions");
      await box.waitFor();
      await box.setChecked(on);
      await sam.getByTestId("profile-save").click();
      await sam.getByTestId("profile-saved").waitFor();
      await sam.getByTestId("nav-inbox").click();
      await sam.getByTestId("conversation-list").waitFor();
    };
    // Desktop notifications are allowed in this browser (as after "Turn on desktop notifications"): only the preference decides.
    await sam.evaluate(() => {
      (window as unknown as { __permission: NotificationPermission }).__permission = "granted";
    });
    const before = (await shown()).length;

    await setMentions(false);
    await mention("@sam muted: is the refund done?");
    await sam.getByTestId("toast").filter({ hasText: "mentioned you" }).waitFor();
    await sam.screenshot({ path: `${artifacts}/mention-toast-only.png` });
    // The notification has reached the page (the toast shows), so a desktop notification would have been made by now.
    expect((await shown()).slice(before)).toEqual([]);
    await sam.getByTestId("toast").getByRole("button").click();

    await setMentions(true);
    await mention("@sam heard: please check the refund");
    await sam.getByTestId("toast").filter({ hasText: "mentioned you" }).waitFor();
    await expect.poll(async () => (await shown()).slice(before).length).toBe(1);
    expect((await shown()).slice(before)[0]).toMatch(/^You were mentioned \| .*please check the refund/);
  });
});
