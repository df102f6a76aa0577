import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UserDTO } from "../../../src/contracts/api.ts";
import type { AuditEntryDTO, InvitedUserDTO, ManagedUserDTO } from "../../../src/contracts/helpdesk.ts";
import { tables } from "../../../src/db/index.ts";
import { api } from "../../support/api-client.ts";
import { createTestApp, type TestApp } from "../../support/create-test-app.ts";
import { startSmtpSink, type SmtpSink } from "../../support/smtp-sink.ts";

const SUPPORT = "support@invites.test";
const PASSWORD = "correct horse battery";

let t: TestApp;
let sink: SmtpSink;
let admin: string;
// The server's clock runs this far ahead of the real one (to let an invite expire).
let clockOffsetMs = 0;

beforeAll(async () => {
  sink = await startSmtpSink();
  t = await createTestApp({ now: () => new Date(Date.now() + clockOffsetMs) });
  admin = await t.login();
}, 60_000);
afterAll(async () => {
  await t?.close();
  await sink?.close();
});

const newEmail = () => `invitee-${randomUUID()}@example.test`;

async function userNamed(email: string): Promise<ManagedUserDTO | undefined> {
  const res = await api<{ data: ManagedUserDTO[] }>(t.url, "GET", "/api/v1/users", { cookie: admin });
  return res.body.data.find((u) => u.email === email);
}

async function invite(email: string) {
  return api<{ data: InvitedUserDTO; error?: { code: string; message: string } }>(t.url, "POST", "/api/v1/users", {
    cookie: admin,
    body: { name: "Ivy Invitee", email, role: "agent", invite: "email" },
  });
}

/** The link in the invite mail sent to an address (waits for it). */
async function emailedLink(email: string): Promise<string> {
  await expect.poll(() => sink.sentTo(email).length, { timeout: 20_000 }).toBe(1);
  const text = sink.sentTo(email)[0]!.mail.text ?? "";
  const link = /https?:\/\/\S+\/console\/invite\/\S+/.exec(text)?.[0];
  expect(link).toBeDefined();
  return link!;
}

async function accept(token: string, password: string) {
  const res = await fetch(`${t.url}/api/v1/auth/invite`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ token, password }) });
  return { status: res.status, body: (await res.json()) as { data?: UserDTO; error?: { code: string; message: string; fields?: Record<string, string> } }, cookie: res.headers.get("set-cookie")?.split(";")[0] };
}

describe("inviting a user by email", () => {
  it("with no email inbox that can send: 409 INVITE_EMAIL_UNAVAILABLE and no user, no mail, no audit entry", async () => {
    const email = newEmail();
    const res = await invite(email);
    expect(res.status).toBe(409);
    expect(res.body.error?.code).toBe("INVITE_EMAIL_UNAVAILABLE");
    expect(await userNamed(email)).toBeUndefined();
    expect(sink.mails).toHaveLength(0);
    const audit = await api<{ data: AuditEntryDTO[] }>(t.url, "GET", "/api/v1/audit-log?action=user.created", { cookie: admin });
    expect(audit.body.data.filter((e) => (e.after as { email?: string } | null)?.email === email)).toHaveLength(0);
  });

  it("mails a one-time link through the email inbox's relay; the link sets the password once and signs the user in", async () => {
    const inbox = await api(t.url, "POST", "/api/v1/inboxes", { cookie: admin, body: { name: "Acme support", channel: "email", settings: { address: SUPPORT, smtpUrl: sink.url } } });
    expect(inbox.status).toBe(201);

    const email = newEmail();
    const res = await invite(email);
    expect(res.status).toBe(201);
    expect(Object.keys(res.body.data).sort()).toEqual(["invited", "user"]);
    expect(res.body.data).toMatchObject({ invited: true, user: { email, name: "Ivy Invitee", role: "agent", active: true } });

    const link = await emailedLink(email);
    const sent = sink.sentTo(email)[0]!;
    expect(sent.envelopeFrom).toBe(SUPPORT);
    expect(sent.mail.from?.value[0]).toMatchObject({ address: SUPPORT, name: "Acme support" });
    expect(sent.mail.subject).toBe("You are invited to Switchboard");
    expect(link.startsWith(`${t.url}/console/invite/`)).toBe(true);
    const token = link.slice(`${t.url}/console/invite/`.length);
    // At least 128 random bits, and only a hash of it is stored.
    expect(Buffer.from(token, "base64url").length).toBeGreaterThanOrEqual(16);
    const stored = await t.container.database.db.select().from(tables.userInvites);
    expect(JSON.stringify(stored)).not.toContain(token);

    // The password rules of a password change; a refused try leaves the link usable.
    const short = await accept(token, "short");
    expect(short.status).toBe(400);
    expect(short.body.error).toMatchObject({ code: "VALIDATION_FAILED", fields: { password: expect.stringContaining("at least") } });

    const accepted = await accept(token, PASSWORD);
    expect(accepted.status).toBe(200);
    expect(accepted.body.data).toMatchObject({ email, name: "Ivy Invitee" });
    expect(accepted.cookie).toMatch(/^sb_session=/);
    const me = await api<{ data: UserDTO }>(t.url, "GET", "/api/v1/auth/me", { cookie: accepted.cookie });
    expect(me.status).toBe(200);
    expect(me.body.data.email).toBe(email);
    expect(await t.login(email, PASSWORD)).toMatch(/^sb_session=/);

    const again = await accept(token, "another good password");
    expect(again.status).toBe(410);
    expect(again.body.error?.code).toBe("INVITE_INVALID");
    // The second try changed nothing.
    expect(await t.login(email, PASSWORD)).toMatch(/^sb_session=/);

    const unknown = await accept("bm90LWEtcmVhbC10b2tlbi1hdC1hbGw", PASSWORD);
    expect(unknown.status).toBe(410);
    expect(unknown.body.error?.code).toBe("INVITE_INVALID");

    const audit = await api<{ data: AuditEntryDTO[] }>(t.url, "GET", `/api/v1/audit-log?action=user.created`, { cookie: admin });
    const entry = audit.body.data.find((e) => e.target.id === res.body.data.user.id);
    expect(entry?.after).toMatchObject({ email, invite: "email" });
    expect(JSON.stringify(entry)).not.toContain(token);
  });

  it("a link older than 72 hours is refused with INVITE_INVALID", async () => {
    const email = newEmail();
    expect((await invite(email)).status).toBe(201);
    const token = (await emailedLink(email)).split("/console/invite/")[1]!;
    clockOffsetMs = 72 * 3_600_000 + 60_000;
    try {
      const late = await accept(token, PASSWORD);
      expect(late.status).toBe(410);
      expect(late.body.error?.code).toBe("INVITE_INVALID");
    } finally {
      clockOffsetMs = 0;
    }
  });

  it("a mail the relay refuses creates nothing (409 INVITE_EMAIL_UNAVAILABLE naming the relay's answer); the admin can try again", async () => {
    const email = newEmail();
    sink.script(email, [550]);
    const refused = await invite(email);
    expect(refused.status).toBe(409);
    expect(refused.body.error?.code).toBe("INVITE_EMAIL_UNAVAILABLE");
    expect(refused.body.error?.message).toContain("550");
    expect(await userNamed(email)).toBeUndefined();

    expect((await invite(email)).status).toBe(201);
    expect(await emailedLink(email)).toContain("/console/invite/");
  });

  it("invite and password together, or another invite kind: 400 VALIDATION_FAILED naming invite; the default still answers a temporary password", async () => {
    for (const body of [{ invite: "email", password: PASSWORD }, { invite: "sms" }]) {
      const res = await api<{ error: { code: string; fields: Record<string, string> } }>(t.url, "POST", "/api/v1/users", { cookie: admin, body: { name: "X", email: newEmail(), role: "agent", ...body } });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe("VALIDATION_FAILED");
      expect(Object.keys(res.body.error.fields)).toContain("invite");
    }
    const plain = await api<{ data: { temporaryPassword: string } }>(t.url, "POST", "/api/v1/users", { cookie: admin, body: { name: "Plain", email: newEmail(), role: "agent" } });
    expect(plain.status).toBe(201);
    expect(plain.body.data.temporaryPassword.length).toBeGreaterThanOrEqual(12);
  });
});
