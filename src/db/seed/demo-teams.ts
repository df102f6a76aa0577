/** Demo teams and the demo agents' skills and capacities, so routing by team, skill and capacity shows on a first start. */
import { eq, inArray } from "drizzle-orm";
import type { Database } from "../client.ts";
import { tables } from "../index.ts";
import { DEMO_INBOX_ID } from "./demo-data.ts";

/** Demo teams: the inboxes and intents each owns, and its members by email. */
export const demoTeams = [
  {
    name: "Billing",
    inboxIds: [DEMO_INBOX_ID, "demo-email"],
    intents: ["get_refund", "track_refund", "check_refund_policy", "payment_issue", "check_invoice", "get_invoice", "check_payment_methods", "check_cancellation_fee"],
    members: ["sam@switchboard.local", "morgan@switchboard.local"],
  },
  {
    name: "Shipping",
    inboxIds: [DEMO_INBOX_ID, "demo-email"],
    intents: ["track_order", "delivery_options", "delivery_period", "change_shipping_address", "set_up_shipping_address", "return_item", "cancel_order", "change_order", "place_order"],
    members: ["alex@switchboard.local", "morgan@switchboard.local"],
  },
  {
    name: "Technical",
    inboxIds: [] as string[],
    intents: ["recover_password", "registration_problems", "create_account", "edit_account", "delete_account", "switch_account"],
    members: ["alex@switchboard.local", "sam@switchboard.local"],
  },
];

/** The demo agents' skills (intents, languages) and capacity (open conversations at once). */
export const demoAgentRouting: Record<string, { skills: { intents: string[]; languages: string[] }; capacity: number }> = {
  "alex@switchboard.local": { skills: { intents: [], languages: ["en"] }, capacity: 5 },
  "sam@switchboard.local": { skills: { intents: ["get_refund", "track_refund", "payment_issue", "check_invoice", "get_invoice", "recover_password", "registration_problems"], languages: ["en"] }, capacity: 4 },
  "morgan@switchboard.local": { skills: { intents: [], languages: [] }, capacity: 2 },
};

/** Inserts the demo teams with their members and gives demo accounts created by this run their skills and capacity. */
export async function seedDemoTeams(tx: Database, createdEmails: ReadonlySet<string>): Promise<void> {
  for (const [email, routing] of Object.entries(demoAgentRouting)) {
    if (createdEmails.has(email)) await tx.update(tables.users).set(routing).where(eq(tables.users.email, email));
  }
  const inserted = await tx
    .insert(tables.teams)
    .values(demoTeams.map(({ name, inboxIds, intents }) => ({ name, inboxIds, intents })))
    .onConflictDoNothing()
    .returning({ id: tables.teams.id, name: tables.teams.name });
  if (inserted.length === 0) return;
  const users = await tx
    .select({ id: tables.users.id, email: tables.users.email })
    .from(tables.users)
    .where(inArray(tables.users.email, demoTeams.flatMap((t) => t.members)));
  const idOf = new Map(users.map((u) => [u.email, u.id]));
  const members = inserted.flatMap((team) =>
    (demoTeams.find((t) => t.name === team.name)?.members ?? []).flatMap((email) => {
      const userId = idOf.get(email);
      return userId ? [{ teamId: team.id, userId }] : [];
    }),
  );
  if (members.length) await tx.insert(tables.teamMembers).values(members).onConflictDoNothing();
}
