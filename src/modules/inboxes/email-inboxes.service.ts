/** The email inboxes by the address customers write to: which inbox a mail's recipient is. */
import { CHANNEL_SETTINGS, type ChannelSettings } from "../../contracts/channels.ts";
import { childLogger } from "../../logger.ts";
import type { ServiceDeps } from "../deps.ts";
import { listInboxes, type InboxRow } from "./inboxes.repo.ts";

type Deps = Pick<ServiceDeps, "db" | "secrets">;

const log = childLogger("inboxes");

/** An email inbox with its opened settings. */
export type EmailInbox = { inbox: InboxRow; settings: ChannelSettings<"email"> };

// Opened settings by their sealed text: the list is read for every recipient (it is short), the boxes opened only when they change.
const opened = new Map<string, ChannelSettings<"email"> | null>();

function settingsOf(deps: Deps, row: InboxRow): ChannelSettings<"email"> | null {
  if (!row.sealedSettings) return null;
  const key = `${row.id}\n${row.sealedSettings}`;
  let settings = opened.get(key);
  if (settings === undefined) {
    try {
      settings = CHANNEL_SETTINGS.email.parse(JSON.parse(deps.secrets.open(row.sealedSettings, row.id)));
    } catch (error) {
      log.error({ err: error, inboxId: row.id }, "the email inbox's settings do not open with this SECRETS_KEY; enter them again");
      settings = null;
    }
    if (opened.size > 1000) opened.clear();
    opened.set(key, settings);
  }
  return settings;
}

/** The email inbox whose address is `address` (compared without case), if any; the oldest one when two share it. */
export async function emailInboxFor(deps: Deps, address: string): Promise<EmailInbox | undefined> {
  const wanted = address.trim().toLowerCase();
  for (const inbox of await listInboxes(deps.db)) {
    if (inbox.channel !== "email") continue;
    const settings = settingsOf(deps, inbox);
    if (settings && settings.address.toLowerCase() === wanted) return { inbox, settings };
  }
  return undefined;
}

/** The email inboxes that poll an IMAP mailbox (their settings have an `imapUrl`), read afresh on every call. */
export async function imapInboxes(deps: Deps): Promise<(EmailInbox & { settings: { imapUrl: string } })[]> {
  const found: (EmailInbox & { settings: { imapUrl: string } })[] = [];
  for (const inbox of await listInboxes(deps.db)) {
    if (inbox.channel !== "email") continue;
    const settings = settingsOf(deps, inbox);
    if (settings?.imapUrl) found.push({ inbox, settings: { ...settings, imapUrl: settings.imapUrl } });
  }
  return found;
}
