/** `switchboard start | migrate | seed`. */
import { INSIGHTS_REFRESH_JOB, type InsightsJobPayload } from "../modules/insights/index.ts";
import { loadConfig } from "../config.ts";
import { openDatabase, type Database } from "../db/index.ts";
import { hasDemoData, seedDemoData } from "../db/seed/seed.ts";
import { ensureFirstAdmin } from "../modules/agents/index.ts";
import { hashPassword } from "../modules/agents/passwords.ts";
import { ensureDefaultInboxes } from "../modules/inboxes/index.ts";
import { optionalFlag, type Flags } from "./args.ts";

const out = (line: string): boolean => process.stdout.write(line + "\n");

/** The `--agent-password P` of scripted demo installs, checked like SWITCHBOARD_ADMIN_PASSWORD. */
function agentPasswordFlag(flags: Flags): string | undefined {
  if (flags["agent-password"] === undefined) return undefined;
  const password = optionalFlag(flags, "agent-password");
  if (password === undefined || password.length < 8) throw new Error("--agent-password needs a password of at least 8 characters");
  return password;
}

async function seedDemo(db: Database, agentPassword: string | undefined): Promise<void> {
  const summary = await seedDemoData(db, { agentPassword, hashPassword });
  out(`Demo data loaded: inbox "${summary.inboxId}", ${summary.products} products, ${summary.orders} orders, ${summary.articles} FAQ articles.`);
  const crm = summary.crm;
  if (crm.customers > 0) {
    out(`Demo CRM loaded: ${crm.companies} companies, ${crm.customers} customers, ${crm.orders} orders, ${crm.notes} notes, ${crm.conversations} past conversations.`);
  }
  const created = summary.accounts.filter((a) => a.password !== undefined);
  for (const account of created) out(`Demo ${account.role} created: ${account.email} with password ${account.password}`);
  if (created.length > 0 && agentPassword === undefined) out("These passwords are shown only once.");
  const kept = summary.accounts.filter((a) => a.password === undefined);
  if (kept.length > 0) out(`Demo accounts that already existed keep their passwords: ${kept.map((a) => a.email).join(", ")}`);
}

async function baseData(db: Database): Promise<void> {
  for (const id of await ensureDefaultInboxes(db)) {
    if (id !== "botframework") out(`Web inbox "${id}" created: embed the widget with data-inbox="${id}".`);
  }
}

async function firstAdmin(db: Database, given: { email?: string; password?: string }): Promise<void> {
  const admin = await ensureFirstAdmin({ db }, given);
  if (admin?.generatedPassword) {
    out(`First admin created: ${admin.email} with password ${admin.generatedPassword}`);
    out("This password is shown only once; set SWITCHBOARD_ADMIN_PASSWORD to choose your own.");
  } else if (admin) {
    out(`First admin created: ${admin.email} (password from SWITCHBOARD_ADMIN_PASSWORD).`);
  }
}

/** Runs start, migrate or seed; returns the exit code (start keeps the process running). */
export async function runServerCommand(command: "start" | "migrate" | "seed", flags: Flags): Promise<number> {
  const config = loadConfig();
  const admin = { email: config.adminEmail, password: config.adminPassword };
  const agentPassword = agentPasswordFlag(flags);
  if (command === "start") {
    const demo = flags.demo === true || config.demo;
    const { startServer } = await import("../main.ts");
    const { url } = await startServer(config, {
      prepare: async (container) => {
        const db = container.database.db;
        if (demo && !(await hasDemoData(db))) {
          await seedDemo(db, agentPassword);
          // The demo's first start shows segments, churn rules and response scores: one refresh, queued (start-up does not wait).
          await container.queue.enqueue(INSIGHTS_REFRESH_JOB, {} satisfies InsightsJobPayload);
        }
        if (!demo && (await hasDemoData(db))) {
          out("Warning: this database holds the demo shop and its demo accounts; production installs start from an empty database.");
        }
        await baseData(db);
        await firstAdmin(db, admin);
      },
    });
    const page = demo ? "demo page" : "widget test page";
    out(`Switchboard is running at ${url}${demo ? " in demo mode" : ""}  (${page} ${url}/ · console ${url}/console)`);
    return 0;
  }
  const database = await openDatabase(config.databaseUrl ? { url: config.databaseUrl } : { pgliteDir: config.dataDir, sharedBuffers: config.pgliteSharedBuffers });
  try {
    await database.migrate();
    if (command === "migrate") {
      out(`Migrations applied (${database.kind}).`);
      return 0;
    }
    await seedDemo(database.db, agentPassword);
    await baseData(database.db);
    await firstAdmin(database.db, admin);
    return 0;
  } finally {
    await database.close();
  }
}
