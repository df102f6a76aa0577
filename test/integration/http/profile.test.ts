import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProfileDTO } from "../../../src/contracts/profile.ts";
import { api } from "../../support/api-client.ts";
import { AGENT_PASSWORD, createTestApp, type TestApp } from "../../support/create-test-app.ts";

let t: TestApp;
let agent: string;
let colleague: string;

beforeAll(async () => {
  t = await createTestApp();
  agent = await t.login("alex@switchboard.local");
  colleague = await t.login("sam@switchboard.local");
}, 120_000);
afterAll(async () => {
  await t?.close();
});

const profile = async (cookie: string) => (await api<{ data: ProfileDTO }>(t.url, "GET", "/api/v1/auth/profile", { cookie })).body.data;

describe("own profile", () => {
  it("starts with initials and default notification preferences", async () => {
    expect(await profile(agent)).toMatchObject({ email: "alex@switchboard.local", role: "agent", avatarUrl: null, avatarColor: null, notificationPrefs: { assigned: true, mentions: true, sound: false } });
  });

  it("an agent changes their name, avatar and notification preferences; they are stored server-side and only theirs change", async () => {
    const before = await profile(colleague);
    const res = await api<{ data: ProfileDTO }>(t.url, "PATCH", "/api/v1/auth/profile", {
      cookie: agent,
      body: { name: "Alex Renamed", avatarUrl: "https://example.test/alex.png", avatarColor: "#AA3366", notificationPrefs: { sound: true } },
    });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ name: "Alex Renamed", avatarUrl: "https://example.test/alex.png", avatarColor: "#aa3366", notificationPrefs: { assigned: true, mentions: true, sound: true } });
    const again = await api<{ data: ProfileDTO }>(t.url, "PATCH", "/api/v1/auth/profile", { cookie: agent, body: { notificationPrefs: { mentions: false }, avatarUrl: null } });
    expect(again.body.data).toMatchObject({ avatarUrl: null, notificationPrefs: { assigned: true, mentions: false, sound: true } });
    expect(await profile(agent)).toEqual(again.body.data);
    expect(await profile(colleague)).toEqual(before);
    const me = await api<{ data: { name: string } }>(t.url, "GET", "/api/v1/auth/me", { cookie: agent });
    expect(me.body.data.name).toBe("Alex Renamed");
  });

  it("bad input is 400 VALIDATION_FAILED naming the field, and nothing changes", async () => {
    const before = await profile(agent);
    const cases: [Record<string, unknown>, string][] = [
      [{ avatarUrl: "javascript:alert(1)" }, "avatarUrl"],
      [{ avatarColor: "red" }, "avatarColor"],
      [{ name: "" }, "name"],
      [{ notificationPrefs: { sound: "yes" } }, "notificationPrefs.sound"],
      [{ role: "admin" }, "body"],
    ];
    for (const [body, field] of cases) {
      const res = await api<{ error: { code: string; fields?: Record<string, string> } }>(t.url, "PATCH", "/api/v1/auth/profile", { cookie: agent, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe("VALIDATION_FAILED");
      expect(Object.keys(res.body.error.fields ?? {})).toContain(field);
    }
    expect(await profile(agent)).toEqual(before);
    expect((await api(t.url, "GET", "/api/v1/auth/profile")).status).toBe(401);
  });

  it("a password change needs the current password", async () => {
    const wrong = await api<{ error: { code: string; fields?: Record<string, string> } }>(t.url, "POST", "/api/v1/auth/password", { cookie: colleague, body: { currentPassword: "not-the-password", newPassword: "a-brand-new-password" } });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.fields).toHaveProperty("currentPassword");
    expect((await api(t.url, "POST", "/api/v1/auth/login", { body: { email: "sam@switchboard.local", password: AGENT_PASSWORD } })).status).toBe(200);
    const right = await api(t.url, "POST", "/api/v1/auth/password", { cookie: colleague, body: { currentPassword: AGENT_PASSWORD, newPassword: "a-brand-new-password" } });
    expect(right.status).toBe(204);
    expect((await api(t.url, "POST", "/api/v1/auth/login", { body: { email: "sam@switchboard.local", password: "a-brand-new-password" } })).status).toBe(200);
  });
});
