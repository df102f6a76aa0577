import type { AddressInfo } from "node:net";
import express from "express";
import { describe, expect, it } from "vitest";
import { isConsoleOrigin } from "../../../src/http/middlewares/origin-check.ts";
import { securityHeaders } from "../../../src/http/middlewares/security-headers.ts";

async function headersOf(publicUrl: string | undefined, path: string): Promise<Headers> {
  const app = express();
  app.use(securityHeaders({ publicUrl }));
  app.get(/.*/, (_req, res) => res.send("ok"));
  const server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  try {
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`);
    return res.headers;
  } finally {
    server.close();
  }
}

describe("security headers", () => {
  it("with an https PUBLIC_URL, adds HSTS and upgrade-insecure-requests, and allows the socket at PUBLIC_URL's host", async () => {
    const headers = await headersOf("https://support.example.test", "/console");
    expect(headers.get("strict-transport-security")).toMatch(/^max-age=\d+/);
    const policy = headers.get("content-security-policy") ?? "";
    expect(policy).toContain("upgrade-insecure-requests");
    expect(policy).toMatch(/connect-src 'self' ws:\/\/support\.example\.test wss:\/\/support\.example\.test/);
  });

  it("without PUBLIC_URL, allows the socket at the request's own host and sends no HSTS", async () => {
    const headers = await headersOf(undefined, "/console");
    expect(headers.get("strict-transport-security")).toBeNull();
    expect(headers.get("content-security-policy")).toMatch(/connect-src 'self' ws:\/\/127\.0\.0\.1:\d+ wss:\/\/127\.0\.0\.1:\d+/);
  });
});

describe("the console's origin", () => {
  it("is PUBLIC_URL's origin when set, whatever the Host header says", () => {
    expect(isConsoleOrigin("https://support.example.test", "internal:3000", "https://support.example.test")).toBe(true);
    expect(isConsoleOrigin("http://support.example.test", "support.example.test", "https://support.example.test")).toBe(false);
    expect(isConsoleOrigin("https://support.example.test:8443", "support.example.test:8443", "https://support.example.test")).toBe(false);
  });

  it("is the request's own host when PUBLIC_URL is unset; 'null' and garbage are foreign", () => {
    expect(isConsoleOrigin("http://localhost:3000", "localhost:3000", undefined)).toBe(true);
    expect(isConsoleOrigin("http://LOCALHOST:3000", "localhost:3000", undefined)).toBe(true);
    expect(isConsoleOrigin("http://localhost:3001", "localhost:3000", undefined)).toBe(false);
    expect(isConsoleOrigin("http://evil.example", "localhost:3000", undefined)).toBe(false);
    expect(isConsoleOrigin("null", "localhost:3000", undefined)).toBe(false);
    expect(isConsoleOrigin("http://localhost:3000", undefined, undefined)).toBe(false);
  });
});
