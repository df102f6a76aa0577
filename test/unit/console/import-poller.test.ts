import { describe, expect, it } from "vitest";
import type { ImportDTO } from "../../../src/contracts/crm.ts";
import { importProgress, pollImport } from "../../../console/src/controller/import-poller.ts";

const job = (overrides: Partial<ImportDTO>): ImportDTO => ({
  id: "imp1",
  kind: "customers",
  status: "queued",
  filename: "customers.csv",
  total: null,
  processed: 0,
  created: 0,
  updated: 0,
  failed: 0,
  errors: [],
  message: null,
  createdAt: "2026-12-07T08:00:00.000Z",
  finishedAt: null,
  ...overrides,
});

describe("console import progress", () => {
  it("asks every second until the import completes, showing each answer", async () => {
    const answers = [job({ status: "running", total: 4, processed: 2 }), job({ status: "completed", total: 4, processed: 4, created: 3, failed: 1, errors: [{ row: 3, field: "email", message: "email must be an email address" }] })];
    const waits: number[] = [];
    const seen: string[] = [];
    const last = await pollImport(job({}), async () => answers.shift() ?? job({ status: "failed" }), (j) => seen.push(`${j.status}:${j.processed}`), {
      wait: async (ms) => {
        waits.push(ms);
      },
    });
    expect(seen).toEqual(["queued:0", "running:2", "completed:4"]);
    expect(waits).toEqual([1000, 1000]);
    expect(last?.errors).toEqual([{ row: 3, field: "email", message: "email must be an email address" }]);
  });

  it("stops at a failed import, and stops early when the dialog closes", async () => {
    const failed = await pollImport(job({}), async () => job({ status: "failed", message: "the file is not UTF-8" }), () => undefined, { wait: async () => undefined });
    expect(failed?.message).toBe("the file is not UTF-8");
    const controller = new AbortController();
    const closed = await pollImport(job({}), async () => job({ status: "running" }), () => controller.abort(), { wait: async () => undefined, signal: controller.signal });
    expect(closed).toBeNull();
  });

  it("rides out a few failed requests, then gives up with the error", async () => {
    let calls = 0;
    const flaky = async (): Promise<ImportDTO> => {
      calls += 1;
      if (calls < 3) throw new Error("network");
      return job({ status: "completed" });
    };
    expect((await pollImport(job({}), flaky, () => undefined, { wait: async () => undefined }))?.status).toBe("completed");
    await expect(pollImport(job({}), async () => Promise.reject(new Error("down")), () => undefined, { wait: async () => undefined, maxErrors: 2 })).rejects.toThrow("down");
  });

  it("shows the share of rows done, unknown until the total is", () => {
    expect(importProgress(job({ status: "running", total: null, processed: 10 }))).toBeNull();
    expect(importProgress(job({ status: "running", total: 200, processed: 50 }))).toBe(0.25);
    expect(importProgress(job({ status: "completed", total: 0 }))).toBe(1);
  });
});
