import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { stratifiedSample } from "../../src/analytics/random.ts";

const root = path.resolve(import.meta.dirname, "../..");
const bankFile = path.resolve(root, "../shared/data/analytics/bank-marketing.csv");
const dir = mkdtempSync(path.join(tmpdir(), "cli-analytics-"));

function switchboard(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [path.join(root, "bin/switchboard.js"), "analytics", ...args], { cwd: root, encoding: "utf8" });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe("switchboard analytics (through the real bin)", () => {
  it("eval --json prints rows, features, model, auc, accuracy, f1, folds and trainSeconds", () => {
    const lines = ["id,age,plan,spend,bought"];
    for (let i = 0; i < 60; i++) lines.push(`${i},${20 + (i % 40)},${i % 3 ? "pro" : "basic"},${i % 2 ? 100 + i : 10 + i},${i % 2 ? "yes" : "no"}`);
    const file = path.join(dir, "small.csv");
    writeFileSync(file, lines.join("\n"));
    const run = switchboard("eval", "--data", file, "--target", "bought", "--model", "logistic", "--folds", "3", "--json");
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(Object.keys(report)).toEqual(expect.arrayContaining(["rows", "features", "model", "auc", "accuracy", "f1", "folds", "trainSeconds"]));
    expect(report).toMatchObject({ rows: 60, model: "logistic", folds: 3 });
    expect(report.auc).toBeGreaterThan(0.95);
  });

  it("a bad file and a missing target exit with code 2 and a clear message", () => {
    const missing = switchboard("eval", "--data", path.join(dir, "absent.csv"), "--target", "x", "--json");
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain("cannot read");
    const file = path.join(dir, "two.csv");
    writeFileSync(file, "a,b\n1,2\n3,4\n");
    const noTarget = switchboard("eval", "--data", file, "--target", "churn");
    expect(noTarget.status).toBe(2);
    expect(noTarget.stderr).toContain('column "churn" is not in the file; its columns are: a, b');
  });

  // Sampled because the full 41,188-row, 5-fold run takes minutes: a seeded stratified 8,000-row sample, 3 folds, logistic.
  it("quality gate (sampled: 8,000 stratified rows, 3 folds): bank-marketing logistic AUC ≥ 0.77", () => {
    const [header, ...rows] = readFileSync(bankFile, "utf8").trim().split("\n");
    const labels = rows.map((row) => (row.endsWith(",yes") ? 1 : 0));
    const sample = stratifiedSample(labels, 8000, 12).map((i) => rows[i]);
    const file = path.join(dir, "bank-sample.csv");
    writeFileSync(file, [header, ...sample].join("\n"));
    const run = switchboard("eval", "--data", file, "--target", "subscribed", "--positive", "yes", "--model", "logistic", "--folds", "3", "--json");
    expect(run.status, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as { auc: number; rows: number };
    expect(report.rows).toBe(8000);
    // Measured AUC on this sample: 0.7806 (the full 41,188-row 5-fold run measures 0.7919).
    expect(report.auc).toBeGreaterThanOrEqual(0.77);
  });
});
