import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadDataset } from "../../../src/analytics/dataset.ts";
import { fitEncoder, fitScaler } from "../../../src/analytics/encode.ts";
import { readCsv } from "../../../src/analytics/table.ts";

const dir = mkdtempSync(path.join(tmpdir(), "analytics-table-"));
function csv(name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

const messy = csv(
  "messy.csv",
  ["customer_id,age,plan,vip,region,country,bought", "c1,30,basic,yes,north,FR,yes", "c2,,pro,no,NA,FR,no", "c3,50,basic,no,south,FR,no", "c4,40,unknown,yes,north,FR,yes", "c5,20,pro,no,south,FR,no", "c6,60,basic,no,north,FR,yes"].join("\n"),
);

describe("analytics table: column inference and imputation", () => {
  it("infers identifier, numeric, categorical, boolean and constant columns, dropping identifiers and constants", () => {
    const data = loadDataset(messy, { target: "bought" });
    const kinds = Object.fromEntries(data.columns.map((c) => [c.name, c.kind]));
    expect(kinds).toEqual({ customer_id: "identifier", age: "numeric", plan: "categorical", vip: "boolean", region: "categorical", country: "constant" });
    expect(data.positive).toBe("yes");
    expect(data.y).toEqual([1, 0, 0, 1, 0, 1]);
  });

  it("imputes a blank number with the training median plus an indicator, and a blank category with a 'missing' level", () => {
    const data = loadDataset(messy, { target: "bought" });
    const encoder = fitEncoder(data.table, data.columns, data.rows);
    const names = encoder.features.map((f) => f.name);
    expect(names).toEqual(expect.arrayContaining(["age", "age (missing)", "plan = missing", "region = missing", "vip"]));
    const row = encoder.encode([1])[0];
    expect(row[names.indexOf("age")]).toBe(40);
    expect(row[names.indexOf("age (missing)")]).toBe(1);
    expect(row[names.indexOf("region = missing")]).toBe(1);
    expect(names.some((n) => n.startsWith("customer_id") || n.startsWith("country"))).toBe(false);
  });

  it("standardises with the mean and standard deviation of the fitted rows only", () => {
    const scaler = fitScaler([[1], [3]]);
    expect(scaler.mean).toEqual([2]);
    expect(scaler.apply([[5]])).toEqual([[3]]);
  });

  it("explains bad input clearly: unreadable file, no rows, missing target naming the columns, one class, absent positive value", () => {
    expect(() => readCsv(path.join(dir, "absent.csv"))).toThrow(/cannot read .*absent\.csv/);
    expect(() => readCsv(csv("empty.csv", "a,b\n"))).toThrow(/no data rows/);
    expect(() => readCsv(csv("ragged.csv", 'a,b\n1,"2\n'))).toThrow(/not a readable CSV/);
    expect(() => loadDataset(messy, { target: "churn" })).toThrow('column "churn" is not in the file; its columns are: customer_id, age, plan, vip, region, country, bought');
    expect(() => loadDataset(messy, { target: "country" })).toThrow(/one class only/);
    expect(() => loadDataset(messy, { target: "bought", positive: "maybe" })).toThrow(/positive value "maybe" is not in target "bought"/);
  });
});
