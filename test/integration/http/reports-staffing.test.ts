import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoAgents } from "../../../src/db/seed/demo-data.ts";
import { staffingPlanDTO } from "../../../src/http/openapi/schemas-reports.ts";
import { api } from "../../support/api-client.ts";
import { createTestApp, type TestApp } from "../../support/create-test-app.ts";
import { reportFixtures } from "../../support/report-fixtures.ts";

type Plan = ReturnType<typeof staffingPlanDTO.parse>;
let t: TestApp;
let admin: string;

beforeAll(async () => {
  // Friday 10 April 2026, noon UTC: the last four weeks run from Friday 13 March.
  t = await createTestApp({ now: () => new Date("2026-04-10T12:00:00Z") });
  admin = await t.login();
  const f = reportFixtures(t.container.database.db);
  await f.setup();
  // Twelve tickets opened on Mondays between 09:00 and 10:00 UTC (11:00 in Paris, summer time), in two of the weeks.
  const mondays = ["2026-04-06", "2026-04-06", "2026-04-06", "2026-04-06", "2026-04-06", "2026-04-06", "2026-04-06", "2026-04-06", "2026-03-30", "2026-03-30", "2026-03-30", "2026-03-30"];
  for (const [i, day] of mondays.entries()) {
    const at = `${day}T09:${String(i * 4).padStart(2, "0")}:00Z`;
    const conversation = await f.conversation("demo", "web", at);
    await f.ticket(conversation, { createdAt: at, reason: "customer_request", priority: "normal", status: "open" });
  }
  // One older than four weeks is not counted.
  const old = await f.conversation("demo", "web", "2026-03-02T09:10:00Z");
  await f.ticket(old, { createdAt: "2026-03-02T09:10:00Z", reason: "customer_request", priority: "normal", status: "open" });
}, 120_000);
afterAll(async () => {
  await t?.close();
});

const plan = async (body: unknown, cookie = admin) => api<{ data: Plan; error?: { code: string; fields?: Record<string, string> } }>(t.url, "POST", "/api/v1/reports/staffing", { cookie, body });

/** Agents on duty in each hour of the week under a plan's shifts (the week wraps). */
function onDuty(p: Plan): number[] {
  const covered = new Array<number>(168).fill(0);
  for (const s of p.shifts) for (let h = 0; h < s.hours; h++) covered[(s.start + h) % 168]! += s.agents;
  return covered;
}

describe("POST /api/v1/reports/staffing", () => {
  it("from the last four weeks' tickets in the manager's time zone: 3 contacts an hour on Monday 11:00 in Paris need 2 agents, and the shifts cover it", async () => {
    const res = await plan({ timezone: "Europe/Paris", weeks: 4, handleTimeSeconds: 300, serviceLevel: { target: 0.8, withinSeconds: 60 } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const p = staffingPlanDTO.parse(res.body.data);
    expect(p.source).toBe("history");
    expect(p.requiredAgents).toHaveLength(168);
    const monday11 = p.requiredAgents.find((r) => r.weekday === 1 && r.time === "11:00")!;
    // 12 tickets / 4 weeks = 3 an hour, 0.25 erlang: one agent answers 78.5 % within 60 s, two 98.0 %.
    expect(monday11).toMatchObject({ hour: 11, arrivals: 3, trafficErlangs: 0.25, agents: 2 });
    expect(monday11.expectedServiceLevel).toBeCloseTo(0.9804, 3);
    expect(p.requiredAgents.filter((r) => r.agents > 0)).toHaveLength(1);
    expect(p.requiredAgentHours).toBe(2);
    // The cheapest default shift (4 hours) twice: 8 agent-hours.
    expect(p.status).toBe("optimal");
    expect(p.agentHours).toBe(8);
    expect(onDuty(p)[11]).toBeGreaterThanOrEqual(2);
  });

  it("from given arrivals (24 hours, every day alike) and given shifts: every hour covered at the fewest agent-hours", async () => {
    const arrivals = Array.from({ length: 24 }, (_, h) => (h >= 8 && h < 20 ? 40 : h >= 20 ? 10 : 0));
    const res = await plan({ arrivals, handleTimeSeconds: 240, serviceLevel: { target: 0.8, withinSeconds: 30 }, shifts: [{ start: 8, hours: 8 }, { start: 12, hours: 8 }, { start: 16, hours: 8 }, { start: 20, hours: 4 }], timezone: "UTC" });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const p = staffingPlanDTO.parse(res.body.data);
    expect(p.source).toBe("given");
    const duty = onDuty(p);
    for (const r of p.requiredAgents) expect(duty[r.hour], `hour ${r.hour}`).toBeGreaterThanOrEqual(r.agents);
    expect(p.agentHours).toBe(p.shifts.reduce((s, x) => s + x.agents * x.hours, 0));
    // Never fewer agent-hours than the hours' needs, and the night needs nobody.
    expect(p.agentHours).toBeGreaterThanOrEqual(p.requiredAgentHours);
    expect(p.requiredAgents.filter((r) => r.time === "03:00").every((r) => r.agents === 0)).toBe(true);
  });

  it("refuses agents (403) and names the field of a bad request (400), storing nothing", async () => {
    const agent = await t.login(demoAgents.find((u) => u.role === "agent")!.email);
    expect((await plan({}, agent)).status).toBe(403);
    const short = await plan({ arrivals: [1, 2, 3] });
    expect(short.status).toBe(400);
    expect(short.body.error?.code).toBe("VALIDATION_FAILED");
    expect(Object.keys(short.body.error?.fields ?? {})).toContain("arrivals");
    const badShift = await plan({ shifts: [{ start: 25, hours: 8 }] });
    expect(badShift.status).toBe(400);
    expect(JSON.stringify(badShift.body.error?.fields)).toMatch(/start must be 0–23/);
    const zone = await plan({ timezone: "Mars/Olympus" });
    expect(zone.status).toBe(400);
    expect(zone.body.error?.fields).toHaveProperty("timezone");
  });
});
