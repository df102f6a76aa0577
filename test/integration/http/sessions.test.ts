import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionDTO, UserDTO } from "../../../src/contracts/api.ts";
import { endExpiredSessions } from "../../../src/modules/agents/index.ts";
import { receiveCustomerMessage } from "../../../src/modules/conversations/index.ts";
import { api } from "../../support/api-client.ts";
import { connectConsole } from "../../support/console-client.ts";
import { createTestApp, type TestApp } from "../../support/create-test-app.ts";

const HOUR = 3_600_000;
// The server's clock: tests move it forward to let sessions go idle or reach their lifetime.
let clockOffsetMs = 0;
let t: TestApp;
let admin: string;

beforeAll(async () => {
  t = await createTestApp({ now: () => new Date(Date.now() + clockOffsetMs), env: { SESSION_IDLE_MINUTES: "480", SESSION_MAX_AGE_HOURS: "24" } });
  admin = await t.login();
}, 60_000);
afterAll(async () => {
  await t?.close();
});

/** Adds a console user through the admin API and returns its credentials. */
async function newUser(role: UserDTO["role"] = "agent"): Promise<{ email: string; password: string; id: string }> {
  const email = `${role}-${randomUUID()}@example.test`;
  const password = `pw-${randomUUID()}`;
  // A fresh admin session: the expiry tests move the clock past the first one's lifetime.
  const res = await api<{ data: { user: UserDTO } }>(t.url, "POST", "/api/v1/users", { cookie: await t.login(), body: { email, name: `Test ${role}`, role, password } });
  expect(res.status).toBe(201);
  return { email, password, id: res.body.data.user.id };
}

/** Logs in with a given User-Agent and returns the cookie. */
async function loginAs(email: string, password: string, userAgent = "vitest"): Promise<string> {
  const res = await fetch(`${t.url}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", "user-agent": userAgent },
    body: JSON.stringify({ email, password }),
  });
  expect(res.status).toBe(200);
  return res.headers.get("set-cookie")!.split(";")[0];
}

const me = (cookie: string) => api(t.url, "GET", "/api/v1/auth/me", { cookie });
const sessionsOf = async (cookie: string) => (await api<{ data: SessionDTO[] }>(t.url, "GET", "/api/v1/auth/sessions", { cookie })).body.data;

/** Stores a customer message on the web channel, as the widget would. */
async function customerWrites(text: string): Promise<void> {
  const id = randomUUID();
  await receiveCustomerMessage(t.container.deps, {
    inboxId: t.inboxId,
    channel: "web",
    externalUserId: id,
    externalConversationId: id,
    text,
    answeredInTurn: true,
  });
}

describe("logout", () => {
  it("disconnects the session's console socket at once, the cookie then gets 401, and no customer message reaches it", async () => {
    const user = await newUser();
    const cookie = await loginAs(user.email, user.password);
    const console = await connectConsole(t.url, cookie);
    const watcher = await connectConsole(t.url, admin);
    expect((await api(t.url, "POST", "/api/v1/auth/logout", { cookie })).status).toBe(204);
    expect(await console.disconnected).toBe("io server disconnect");
    expect(console.endedReason()).toBe("logout");
    expect(await me(cookie)).toMatchObject({ status: 401, body: { error: { code: "UNAUTHENTICATED" } } });
    const text = `after logout ${randomUUID()}`;
    await customerWrites(text);
    await expect.poll(() => watcher.messages.some((m) => m.text === text), { timeout: 10_000 }).toBe(true);
    expect(console.messages.some((m) => m.text === text)).toBe(false);
    expect(console.socket.connected).toBe(false);
    watcher.close();
  }, 30_000);

  it("refuses a new console socket for a logged-out session with UNAUTHENTICATED", async () => {
    const user = await newUser();
    const cookie = await loginAs(user.email, user.password);
    await api(t.url, "POST", "/api/v1/auth/logout", { cookie });
    await expect(connectConsole(t.url, cookie)).rejects.toThrow("UNAUTHENTICATED");
  }, 30_000);

  it("log out everywhere ends every session of the user and closes each of their console sockets, and only theirs", async () => {
    const user = await newUser();
    const laptop = await loginAs(user.email, user.password, "laptop");
    const phone = await loginAs(user.email, user.password, "phone");
    const laptopSocket = await connectConsole(t.url, laptop);
    const phoneSocket = await connectConsole(t.url, phone);
    const bystander = await connectConsole(t.url, admin);
    expect((await api(t.url, "POST", "/api/v1/auth/logout-everywhere", { cookie: laptop })).status).toBe(204);
    expect(await phoneSocket.disconnected).toBe("io server disconnect");
    expect(await laptopSocket.disconnected).toBe("io server disconnect");
    expect(phoneSocket.endedReason()).toBe("logout_everywhere");
    expect((await me(laptop)).status).toBe(401);
    expect((await me(phone)).status).toBe(401);
    expect(bystander.socket.connected).toBe(true);
    expect((await me(admin)).status).toBe(200);
    bystander.close();
  }, 30_000);
});

describe("session list", () => {
  it("lists the user's own live sessions with when they were created and last used, the browser, the IP, and which one is current", async () => {
    const user = await newUser();
    const first = await loginAs(user.email, user.password, "Firefox/130");
    await loginAs(user.email, user.password, "Chrome/129");
    const list = await sessionsOf(first);
    expect(list).toHaveLength(2);
    expect(list.map((s) => s.userAgent).sort()).toEqual(["Chrome/129", "Firefox/130"]);
    expect(list.filter((s) => s.current).map((s) => s.userAgent)).toEqual(["Firefox/130"]);
    for (const s of list) {
      expect(s).toMatchObject({ id: expect.any(String), createdAt: expect.any(String), lastUsedAt: expect.any(String), expiresAt: expect.any(String) });
      expect(s.ip).toMatch(/127\.0\.0\.1/);
    }
    expect((await sessionsOf(admin)).some((s) => s.userAgent === "Chrome/129")).toBe(false);
  }, 30_000);

  it("ending one of your other sessions closes its console socket and keeps this one", async () => {
    const user = await newUser();
    const here = await loginAs(user.email, user.password, "here");
    const there = await loginAs(user.email, user.password, "there");
    const thereSocket = await connectConsole(t.url, there);
    const target = (await sessionsOf(here)).find((s) => s.userAgent === "there")!;
    expect((await api(t.url, "DELETE", `/api/v1/auth/sessions/${target.id}`, { cookie: here })).status).toBe(204);
    expect(await thereSocket.disconnected).toBe("io server disconnect");
    expect(thereSocket.endedReason()).toBe("revoked");
    expect((await me(there)).status).toBe(401);
    expect((await me(here)).status).toBe(200);
    expect((await sessionsOf(here)).map((s) => s.userAgent)).toEqual(["here"]);
  }, 30_000);

  it("answers 404 SESSION_NOT_FOUND for another user's session or an unknown id, and that session lives on", async () => {
    const user = await newUser();
    const cookie = await loginAs(user.email, user.password);
    const adminSession = (await sessionsOf(admin)).find((s) => s.current)!;
    expect(await api(t.url, "DELETE", `/api/v1/auth/sessions/${adminSession.id}`, { cookie })).toMatchObject({ status: 404, body: { error: { code: "SESSION_NOT_FOUND" } } });
    expect(await api(t.url, "DELETE", `/api/v1/auth/sessions/${randomUUID()}`, { cookie })).toMatchObject({ status: 404, body: { error: { code: "SESSION_NOT_FOUND" } } });
    expect((await me(admin)).status).toBe(200);
  }, 30_000);
});

describe("password change", () => {
  it("checks the current password and the new one's length, then ends every other session and closes their sockets", async () => {
    const user = await newUser();
    const here = await loginAs(user.email, user.password, "here");
    const there = await loginAs(user.email, user.password, "there");
    const thereSocket = await connectConsole(t.url, there);
    const hereSocket = await connectConsole(t.url, here);

    const wrong = await api(t.url, "POST", "/api/v1/auth/password", { cookie: here, body: { currentPassword: "not-it", newPassword: "a-long-new-password" } });
    expect(wrong).toMatchObject({ status: 400, body: { error: { code: "VALIDATION_FAILED", fields: { currentPassword: expect.any(String) } } } });
    const short = await api(t.url, "POST", "/api/v1/auth/password", { cookie: here, body: { currentPassword: user.password, newPassword: "short" } });
    expect(short).toMatchObject({ status: 400, body: { error: { code: "VALIDATION_FAILED", fields: { newPassword: expect.stringContaining("12") } } } });
    expect((await me(there)).status).toBe(200);

    const changed = await api(t.url, "POST", "/api/v1/auth/password", { cookie: here, body: { currentPassword: user.password, newPassword: "a-long-new-password" } });
    expect(changed.status).toBe(204);
    expect(await thereSocket.disconnected).toBe("io server disconnect");
    expect(thereSocket.endedReason()).toBe("password_changed");
    expect((await me(there)).status).toBe(401);
    expect((await me(here)).status).toBe(200);
    expect(hereSocket.socket.connected).toBe(true);
    expect((await api(t.url, "POST", "/api/v1/auth/login", { body: { email: user.email, password: user.password } })).status).toBe(401);
    expect((await api(t.url, "POST", "/api/v1/auth/login", { body: { email: user.email, password: "a-long-new-password" } })).status).toBe(200);
    hereSocket.close();
  }, 30_000);
});

// These move the server's clock forward, so they run last.
describe("expiry", () => {
  it("a session used within the idle time lives on; one idle for longer than SESSION_IDLE_MINUTES is refused and its socket closed", async () => {
    const user = await newUser();
    const cookie = await loginAs(user.email, user.password);
    clockOffsetMs += 7 * HOUR;
    expect((await me(cookie)).status).toBe(200);
    const socket = await connectConsole(t.url, cookie);
    clockOffsetMs += 7 * HOUR;
    // 14 hours after login, but last used 7 hours ago: still alive (idle limit 8 hours).
    expect((await me(cookie)).status).toBe(200);
    clockOffsetMs += 8 * HOUR + 60_000;
    expect(await me(cookie)).toMatchObject({ status: 401, body: { error: { code: "UNAUTHENTICATED" } } });
    expect(await socket.disconnected).toBe("io server disconnect");
    expect(socket.endedReason()).toBe("expired");
  }, 30_000);

  it("a session ends after SESSION_MAX_AGE_HOURS however often it is used", async () => {
    const user = await newUser();
    const cookie = await loginAs(user.email, user.password);
    for (let hours = 7; hours < 24; hours += 7) {
      clockOffsetMs += 7 * HOUR;
      expect((await me(cookie)).status, `${hours} h after login`).toBe(200);
    }
    clockOffsetMs += 7 * HOUR;
    expect((await me(cookie)).status).toBe(401);
  }, 30_000);

  it("the minute sweep ends idle sessions whose console is open but makes no requests, closing the socket", async () => {
    const user = await newUser();
    const cookie = await loginAs(user.email, user.password);
    const socket = await connectConsole(t.url, cookie);
    clockOffsetMs += 9 * HOUR;
    expect(await endExpiredSessions(t.container.deps)).toBeGreaterThanOrEqual(1);
    expect(await socket.disconnected).toBe("io server disconnect");
    expect(socket.endedReason()).toBe("expired");
    expect((await me(cookie)).status).toBe(401);
  }, 30_000);
});
