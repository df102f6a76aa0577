import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, AGENT_PASSWORD, createTestApp, type TestApp } from "../../support/create-test-app.ts";

// Small limits so the tests run in seconds; each test speaks from its own client address (X-Forwarded-For, which the
// server believes from a proxy on loopback), so the per-address limits of one test do not touch another's.
const LIMITS = {
  RATE_LIMITS: "on",
  RATE_LIMIT_LOGIN_IP: "6/60",
  LOGIN_LOCKOUT_AFTER: "3",
  LOGIN_LOCKOUT_SECONDS: "1",
  LOGIN_LOCKOUT_MAX_SECONDS: "2",
  RATE_LIMIT_API_SESSION: "10/60",
  RATE_LIMIT_API_IP: "40/60",
};

type Answer = { status: number; code: string | undefined; retryAfter: string | null; body: string };

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ env: LIMITS });
}, 60_000);
afterAll(async () => {
  await t?.close();
});

let addresses = 0;
const newAddress = (): string => `198.51.100.${++addresses}`;

async function request(method: string, path: string, options: { ip: string; body?: unknown; cookie?: string }): Promise<Answer> {
  const headers: Record<string, string> = { "x-forwarded-for": options.ip };
  if (options.body !== undefined) headers["content-type"] = "application/json";
  if (options.cookie) headers.cookie = options.cookie;
  const res = await fetch(`${t.url}${path}`, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
  const body = await res.text();
  const code = body ? (JSON.parse(body) as { error?: { code?: string } }).error?.code : undefined;
  return { status: res.status, code, retryAfter: res.headers.get("retry-after"), body };
}

const login = (email: string, password: string, ip: string): Promise<Answer> =>
  request("POST", "/api/v1/auth/login", { ip, body: { email, password } });

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe("login brute-force protection", () => {
  it("after LOGIN_LOCKOUT_AFTER failures the account is locked with 429 RATE_LIMITED and Retry-After, even for the right password", async () => {
    const ip = newAddress();
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await login("alex@switchboard.local", "wrong-password", ip));
    expect(answers.map((a) => a.code)).toEqual(["INVALID_CREDENTIALS", "INVALID_CREDENTIALS", "INVALID_CREDENTIALS"]);
    const locked = await login("alex@switchboard.local", "agent-password-1", newAddress());
    expect(locked).toMatchObject({ status: 429, code: "RATE_LIMITED", retryAfter: "1" });
    expect(JSON.parse(locked.body)).toMatchObject({ error: { code: "RATE_LIMITED", retryAfter: 1 } });
  });

  it("locks for twice as long after each further run of failures, up to LOGIN_LOCKOUT_MAX_SECONDS", async () => {
    const email = "sam@switchboard.local";
    const retryAfterEachLockout: (string | null)[] = [];
    for (let lockout = 0; lockout < 3; lockout++) {
      for (let i = 0; i < 3; i++) expect((await login(email, "wrong-password", newAddress())).code).toBe("INVALID_CREDENTIALS");
      const refused = await login(email, "wrong-password", newAddress());
      expect(refused.code).toBe("RATE_LIMITED");
      retryAfterEachLockout.push(refused.retryAfter);
      await sleep(Number(refused.retryAfter) * 1000 + 150);
    }
    expect(retryAfterEachLockout).toEqual(["1", "2", "2"]);
    // Once the lock lapses the right password works, and the count starts over.
    expect((await login(email, "agent-password-1", newAddress())).status).toBe(200);
    expect((await login(email, "wrong-password", newAddress())).code).toBe("INVALID_CREDENTIALS");
  }, 30_000);

  it("answers an unknown email exactly as a known one: the same statuses, bodies and Retry-After", async () => {
    const run = async (email: string): Promise<Answer[]> => {
      const out = [];
      for (let i = 0; i < 5; i++) out.push(await login(email, "wrong-password", newAddress()));
      return out;
    };
    const known = await run("morgan@switchboard.local");
    const unknown = await run("nobody-here@switchboard.local");
    expect(unknown).toEqual(known);
    expect(known.map((a) => a.status)).toEqual([401, 401, 401, 429, 429]);
  });

  it("a successful login resets the account's count of failures", async () => {
    const ip = newAddress();
    expect((await login(ADMIN.email, "wrong-password", ip)).status).toBe(401);
    expect((await login(ADMIN.email, "wrong-password", ip)).status).toBe(401);
    expect((await login(ADMIN.email, ADMIN.password, ip)).status).toBe(200);
    expect((await login(ADMIN.email, "wrong-password", ip)).status).toBe(401);
    expect((await login(ADMIN.email, "wrong-password", ip)).status).toBe(401);
    expect((await login(ADMIN.email, ADMIN.password, ip)).status).toBe(200);
  });

  it("wrong current passwords on POST /auth/password count toward the account's lockout: a stolen session cannot brute-force the password", async () => {
    const ip = newAddress();
    const signIn = await fetch(`${t.url}/api/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": ip },
      body: JSON.stringify({ email: "sam@switchboard.local", password: AGENT_PASSWORD }),
    });
    const cookie = signIn.headers.get("set-cookie")!.split(";")[0];
    const change = (currentPassword: string): Promise<Answer> =>
      request("POST", "/api/v1/auth/password", { ip, cookie, body: { currentPassword, newPassword: "a-brand-new-password-1" } });
    expect((await change("guess-number-one")).code).toBe("VALIDATION_FAILED");
    expect((await change("guess-number-two")).code).toBe("VALIDATION_FAILED");
    expect((await change("guess-number-three")).code).toBe("VALIDATION_FAILED");
    // LOGIN_LOCKOUT_AFTER (3) wrong guesses lock the account: even the right password is refused, logging in is locked
    // too, and the password is unchanged.
    const locked = await change(AGENT_PASSWORD);
    expect(locked.status).toBe(429);
    expect(locked.code).toBe("RATE_LIMITED");
    expect((await login("sam@switchboard.local", AGENT_PASSWORD, newAddress())).status).toBe(429);
    await new Promise((resolve) => setTimeout(resolve, 2100));
    expect((await login("sam@switchboard.local", "a-brand-new-password-1", newAddress())).status).toBe(401);
    expect((await login("sam@switchboard.local", AGENT_PASSWORD, newAddress())).status).toBe(200);
  });

  it("limits login attempts per client address across accounts (RATE_LIMIT_LOGIN_IP)", async () => {
    const ip = newAddress();
    const statuses = [];
    for (let i = 0; i < 8; i++) statuses.push((await login(`guess-${i}@example.test`, "wrong-password", ip)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401, 429, 429]);
    // Another address is still served.
    expect((await login(ADMIN.email, ADMIN.password, newAddress())).status).toBe(200);
  });
});

describe("REST rate limits", () => {
  it("a console session over RATE_LIMIT_API_SESSION gets 429 RATE_LIMITED with Retry-After, while another session is served", async () => {
    const flooder = await t.login();
    const ip = newAddress();
    const answers: Answer[] = [];
    for (let i = 0; i < 14; i++) answers.push(await request("GET", "/api/v1/conversations", { ip, cookie: flooder }));
    expect(answers.slice(0, 10).map((a) => a.status)).toEqual(Array(10).fill(200));
    for (const refused of answers.slice(10)) {
      expect(refused).toMatchObject({ status: 429, code: "RATE_LIMITED" });
      expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(1);
      expect(Number(refused.retryAfter)).toBeLessThanOrEqual(60);
    }
    // The limit is the session's, not the address's: another agent on the same address carries on.
    const other = await t.login("alex@switchboard.local");
    expect((await request("GET", "/api/v1/conversations", { ip, cookie: other })).status).toBe(200);
  });

  it("requests without a live session count against the client address; an invented cookie buys no fresh allowance", async () => {
    const ip = newAddress();
    const statuses = [];
    for (let i = 0; i < 42; i++) statuses.push((await request("GET", "/api/v1/auth/me", { ip, cookie: `sb_session=forged-${i}` })).status);
    expect(statuses.slice(0, 40)).toEqual(Array(40).fill(401));
    expect(statuses.slice(40)).toEqual([429, 429]);
  });
});
