/** `switchboard start | migrate | seed`. */
import { loadConfig } from "../config.ts";
import { openDatabase, type Database } from "../db/index.ts";
import { isEmpty, seedDemoData } from "../db/seed/seed.ts";
import { ensureFirstAdmin } from "../modules/agents/index.ts";
import { hashPassword } from "../modules/agents/passwords.ts";
import type { Flags } from "./args.ts";

const out = (line: string): boolean => process.stdout.write(line + "\n");

async function seed(db: Database, flags: Flags): Promise<void> {
  const summary = await seedDemoData(db, {
    agentPassword: typeof flags["agent-password"] === "string" ? flags["agent-password"] : "switchboard-demo",
    hashPassword,
  });
  out(`Demo data loaded: inbox "${summary.inboxId}", ${summary.products} products, ${summary.orders} orders, ${summary.articles} FAQ articles.`);
  out(`Demo agents (password "${summary.agentPassword}"): ${summary.agents.map((a) => a.email).join(", ")}`);
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
  if (command === "start") {
    const { startServer } = await import("../main.ts");
    const { url } = await startServer(config, {
      prepare: async (container) => {
        if (await isEmpty(container.database.db)) await seed(container.database.db, flags);
        await firstAdmin(container.database.db, admin);
      },
    });
    out(`Switchboard is running at ${url}  (demo page ${url}/ · console ${url}/console)`);
    return 0;
  }
  const database = await openDatabase(config.databaseUrl ? { url: config.databaseUrl } : { pgliteDir: config.dataDir });
  try {
    await database.migrate();
    if (command === "migrate") {
      out(`Migrations applied (${database.kind}).`);
      return 0;
    }
    await seed(database.db, flags);
    await firstAdmin(database.db, admin);
    return 0;
  } finally {
    await database.close();
  }
}
