import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.ts";

const dataDir = (): string => mkdtempSync(path.join(tmpdir(), "switchboard-config-"));

describe("configuration", () => {
  it("uses the documented defaults", () => {
    const dir = dataDir();
    const config = loadConfig({ DATA_DIR: dir });
    expect(config).toMatchObject({ port: 3000, databaseUrl: undefined, redisUrl: "redis://127.0.0.1:6379", redisUrlGiven: false });
  });

  it("generates a session secret once and keeps it in DATA_DIR", () => {
    const dir = dataDir();
    const first = loadConfig({ DATA_DIR: dir }).sessionSecret;
    expect(first).toHaveLength(64);
    expect(readFileSync(path.join(dir, "session-secret"), "utf8").trim()).toBe(first);
    expect(loadConfig({ DATA_DIR: dir }).sessionSecret).toBe(first);
  });

  it("is in production mode unless SWITCHBOARD_DEMO is 1 or true, and names any other value", () => {
    expect(loadConfig({ DATA_DIR: dataDir() }).demo).toBe(false);
    expect(loadConfig({ DATA_DIR: dataDir(), SWITCHBOARD_DEMO: "0" }).demo).toBe(false);
    expect(loadConfig({ DATA_DIR: dataDir(), SWITCHBOARD_DEMO: "1" }).demo).toBe(true);
    expect(loadConfig({ DATA_DIR: dataDir(), SWITCHBOARD_DEMO: "true" }).demo).toBe(true);
    expect(() => loadConfig({ DATA_DIR: dataDir(), SWITCHBOARD_DEMO: "yes" })).toThrow(/SWITCHBOARD_DEMO: must be 1 or 0/);
  });

  it("reports every invalid variable at once, by name", () => {
    let error: unknown;
    try {
      loadConfig({ DATA_DIR: dataDir(), PORT: "eighty", DATABASE_URL: "mysql://x", SWITCHBOARD_ADMIN_EMAIL: "not-an-email" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain("PORT");
    expect(message).toContain("DATABASE_URL");
    expect(message).toContain("SWITCHBOARD_ADMIN_EMAIL");
  });
});
