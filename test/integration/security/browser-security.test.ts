import { io, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SocketError } from "../../../src/contracts/messages.ts";
import { createTestApp, type TestApp } from "../../support/create-test-app.ts";

const FOREIGN = "http://evil.example";

let t: TestApp;
let cookie: string;
beforeAll(async () => {
  t = await createTestApp();
  cookie = await t.login();
}, 60_000);
afterAll(async () => {
  await t?.close();
});

const get = (path: string, headers: Record<string, string> = {}): Promise<Response> => fetch(`${t.url}${path}`, { headers });

function csp(res: Response): Map<string, string> {
  const header = res.headers.get("content-security-policy") ?? "";
  return new Map(header.split(";").map((d) => d.trim()).filter(Boolean).map((d) => [d.split(" ")[0], d.slice(d.indexOf(" ") + 1)] as [string, string]));
}

/** Every <script> of an HTML page: each must load a file, none may carry code inline (the CSP forbids it). */
function inlineScripts(html: string): string[] {
  return [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)].filter(([, attrs, body]) => !/\bsrc=/.test(attrs) || body.trim() !== "").map(([tag]) => tag);
}

describe("security headers", () => {
  it("the console: a CSP without inline scripts or styles that no site may frame, nosniff, no referrer", async () => {
    const res = await get("/console");
    expect(res.status).toBe(200);
    const policy = csp(res);
    expect(policy.get("script-src")).toBe("'self'");
    expect(policy.get("style-src")).toBe("'self'");
    expect(policy.get("frame-ancestors")).toBe("'none'");
    expect(policy.get("object-src")).toBe("'none'");
    expect(policy.get("connect-src")).toContain("'self'");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    expect(res.headers.get("strict-transport-security")).toBeNull(); // plain http: HSTS only with an https PUBLIC_URL
    expect(inlineScripts(await res.text())).toEqual([]);
  });

  it("the API: the same strict headers on JSON answers, errors included", async () => {
    for (const res of [await get("/api/v1/auth/me", { cookie }), await get("/api/v1/auth/me"), await get("/api/v1/nothing-here")]) {
      expect(csp(res).get("frame-ancestors")).toBe("'none'");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("referrer-policy")).toBe("no-referrer");
      expect(res.headers.get("cross-origin-resource-policy")).toBe("same-origin");
    }
  });

  it("the demo page: embeddable by any site, scripts only from files of this origin, no inline script", async () => {
    const res = await get("/");
    expect(res.status).toBe(200);
    const policy = csp(res);
    expect(policy.get("script-src")).toBe("'self'");
    expect(policy.get("script-src-attr")).toBe("'none'");
    expect(policy.has("frame-ancestors")).toBe(false);
    expect(res.headers.get("x-frame-options")).toBeNull();
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(inlineScripts(await res.text())).toEqual([]);
  });

  it("widget.js: loadable from any site (CORP cross-origin, CORS *), served as JavaScript with nosniff", async () => {
    const res = await get("/widget.js", { origin: FOREIGN });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/javascript/);
    expect(res.headers.get("cross-origin-resource-policy")).toBe("cross-origin");
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("socket.io's own HTTP answers allow any origin but never credentials", async () => {
    const res = await get("/socket.io/?EIO=4&transport=polling", { origin: FOREIGN });
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("access-control-allow-credentials")).toBeNull();
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  });
});

describe("origin checks on cookie-authenticated requests", () => {
  const call = (method: string, path: string, headers: Record<string, string>, body?: unknown): Promise<Response> =>
    fetch(`${t.url}${path}`, {
      method,
      headers: { ...headers, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  it("refuses a state-changing request with the session cookie from another site with 403 FORBIDDEN, and changes nothing", async () => {
    const session = await t.login();
    const res = await call("POST", "/api/v1/auth/logout", { cookie: session, origin: FOREIGN });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: { code: "FORBIDDEN" } });
    const patch = await call("PATCH", "/api/v1/agents/me", { cookie: session, origin: FOREIGN }, { status: "away" });
    expect(patch.status).toBe(403);
    const me = await call("GET", "/api/v1/auth/me", { cookie: session });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { data: { status: string } }).data.status).not.toBe("away");
  });

  it("refuses reading with the session cookie and logging in from another site", async () => {
    expect((await call("GET", "/api/v1/auth/me", { cookie, origin: FOREIGN })).status).toBe(403);
    expect((await call("GET", "/api/v1/auth/me", { cookie, origin: "null" })).status).toBe(403);
    const login = await call("POST", "/api/v1/auth/login", { origin: FOREIGN }, { email: "alex@switchboard.local", password: "agent-password-1" });
    expect(login.status).toBe(403);
    expect(login.headers.get("set-cookie")).toBeNull();
  });

  it("accepts the console's own origin, and clients that send no Origin (curl, servers)", async () => {
    const session = await t.login();
    expect((await call("GET", "/api/v1/auth/me", { cookie: session, origin: t.url })).status).toBe(200);
    expect((await call("PATCH", "/api/v1/agents/me", { cookie: session, origin: t.url }, { status: "online" })).status).toBe(200);
    expect((await call("PATCH", "/api/v1/agents/me", { cookie: session }, { status: "online" })).status).toBe(200);
    expect((await call("POST", "/api/v1/auth/logout", { cookie: session, origin: t.url })).status).toBe(204);
  });
});

describe("origin checks on sockets", () => {
  const sockets: Socket[] = [];
  afterAll(() => {
    for (const socket of sockets) socket.disconnect();
  });

  function connect(namespace: string, options: { headers: Record<string, string>; auth?: Record<string, string> }): Promise<"connected" | SocketError> {
    const socket = io(`${t.url}${namespace}`, { transports: ["websocket"], extraHeaders: options.headers, auth: options.auth, reconnection: false, forceNew: true });
    sockets.push(socket);
    return new Promise((resolve) => {
      socket.once("connect", () => resolve("connected"));
      socket.once("connect_error", (error: Error & { data?: SocketError }) => resolve(error.data ?? { code: error.message, message: error.message }));
    });
  }

  it("refuses a /console handshake from another site's page with connect_error FORBIDDEN, though it carries a valid session cookie", async () => {
    expect(await connect("/console", { headers: { cookie, origin: FOREIGN } })).toMatchObject({ code: "FORBIDDEN" });
  });

  it("accepts a /console handshake from the console's own origin", async () => {
    expect(await connect("/console", { headers: { cookie, origin: t.url } })).toBe("connected");
  });

  it("keeps /widget open to any site", async () => {
    expect(await connect("/widget", { headers: { origin: FOREIGN }, auth: { inbox: t.inboxId, visitorId: "visitor-from-another-site" } })).toBe("connected");
  });
});
