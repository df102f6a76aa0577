/** The web widget's look per web inbox: read (defaults filled in) for the widget and the console, replaced by admins. */
import { DEFAULT_WIDGET_LOOK, type WidgetLook } from "../../contracts/widget-look.ts";
import { AppError } from "../../errors.ts";
import type { ServiceDeps } from "../deps.ts";
import { findInbox, updateInboxRow, type InboxRow } from "./inboxes.repo.ts";

type Deps = Pick<ServiceDeps, "db">;

/** An inbox's look: what an admin stored, over the defaults (a look saved before a field existed gets its default). */
export function lookOf(row: Pick<InboxRow, "widgetLook">): WidgetLook {
  return { ...DEFAULT_WIDGET_LOOK, ...(row.widgetLook ?? {}) };
}

async function webInbox(deps: Deps, id: string): Promise<InboxRow> {
  const inbox = await findInbox(deps.db, id);
  if (!inbox) throw new AppError("INBOX_NOT_FOUND", `Inbox "${id}" does not exist.`);
  if (inbox.channel !== "web") throw new AppError("VALIDATION_FAILED", "Only a web inbox has a widget look.", { id: `is a ${inbox.channel} inbox, not a web one` });
  return inbox;
}

/** A web inbox's look; INBOX_NOT_FOUND, or VALIDATION_FAILED for an inbox of another channel. */
export async function widgetLook(deps: Deps, id: string): Promise<WidgetLook> {
  return lookOf(await webInbox(deps, id));
}

/** Replaces a web inbox's look (validated by widgetLookBody) and returns the look before and after. */
export async function replaceWidgetLook(deps: Deps, id: string, look: WidgetLook): Promise<{ before: WidgetLook; after: WidgetLook }> {
  const inbox = await webInbox(deps, id);
  const updated = await updateInboxRow(deps.db, id, { widgetLook: look });
  if (!updated) throw new AppError("INBOX_NOT_FOUND", `Inbox "${id}" does not exist.`);
  return { before: lookOf(inbox), after: lookOf(updated) };
}
