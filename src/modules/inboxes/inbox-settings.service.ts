/** Inbox administration: create, change, delete inboxes of every channel; channel settings are validated, sealed, never shown. */
import { randomUUID } from "node:crypto";
import { CHANNEL_SETTINGS, WEBHOOK_CHANNELS, type ChannelSettings, type InboxChannel, type InboxDTO } from "../../contracts/channels.ts";
import { isForeignKeyViolation } from "../../db/index.ts";
import { AppError, validationError } from "../../errors.ts";
import { childLogger } from "../../logger.ts";
import type { ServiceDeps } from "../deps.ts";
import { deleteInboxRow, findInbox, findInboxCached, insertInbox, listInboxes, updateInboxRow, type InboxRow } from "./inboxes.repo.ts";
import { newInboxToken } from "./inbox-token.ts";

type Deps = Pick<ServiceDeps, "db" | "secrets">;

const log = childLogger("inboxes");

/** Validates a channel's settings, naming each bad field as `settings.<field>`. */
function validSettings(channel: InboxChannel, settings: Record<string, unknown>): Record<string, unknown> {
  const parsed = CHANNEL_SETTINGS[channel].safeParse(settings);
  if (!parsed.success) throw validationError(parsed.error.issues.map((issue) => ({ ...issue, path: ["settings", ...issue.path] })));
  return parsed.data;
}

function seal(deps: Deps, id: string, settings: Record<string, unknown>): string | null {
  return Object.keys(settings).length === 0 ? null : deps.secrets.seal(JSON.stringify(settings), id);
}

function opened(deps: Deps, row: InboxRow): Record<string, unknown> {
  return row.sealedSettings ? (JSON.parse(deps.secrets.open(row.sealedSettings, row.id)) as Record<string, unknown>) : {};
}

// Settings sealed under another SECRETS_KEY do not open: the list still answers, showing them as not configured, and a
// PATCH with every setting seals them anew.
function openedOrNone(deps: Deps, row: InboxRow): Record<string, unknown> {
  try {
    return opened(deps, row);
  } catch (error) {
    log.error({ err: error, inboxId: row.id }, "the inbox's settings do not open with this SECRETS_KEY; enter them again");
    return {};
  }
}

/** An inbox as the API shows it; `baseUrl` is where this server is reached (PUBLIC_URL or the request's origin). */
export function presentInbox(deps: Deps, row: InboxRow, baseUrl: string): InboxDTO {
  const hasWebhook = (WEBHOOK_CHANNELS as readonly string[]).includes(row.channel);
  return {
    id: row.id,
    name: row.name,
    channel: row.channel,
    webhookUrl: hasWebhook ? `${baseUrl}/channels/${row.channel}/${encodeURIComponent(row.id)}` : null,
    configured: Object.keys(openedOrNone(deps, row)).sort(),
    enabled: row.enabled,
    csat: csatEnabled(row),
    createdAt: row.createdAt.toISOString(),
  };
}

/** Whether the inbox's conversations are asked to rate (the inbox's `csat` switch; on unless turned off). */
export function csatEnabled(row: Pick<InboxRow, "settings">): boolean {
  return row.settings.csat !== false;
}

/** Every inbox, oldest first. */
export async function allInboxes(deps: Deps): Promise<InboxRow[]> {
  return listInboxes(deps.db);
}

/**
 * Creates an inbox of a channel with its settings (sealed under SECRETS_KEY); an `api` inbox also gets the token its
 * integrator posts messages with, returned here only (its SHA-256 is stored).
 */
export async function createInbox(
  deps: Deps,
  input: { name: string; channel: InboxChannel; settings: Record<string, unknown>; enabled?: boolean },
): Promise<{ row: InboxRow; inboxToken?: string }> {
  const settings = validSettings(input.channel, input.settings);
  const id = randomUUID();
  const token = input.channel === "api" ? newInboxToken() : undefined;
  const row = await insertInbox(deps.db, {
    id,
    name: input.name,
    channel: input.channel,
    sealedSettings: seal(deps, id, settings),
    enabled: input.enabled ?? true,
    tokenHash: token?.hash ?? null,
  });
  return { row, ...(token ? { inboxToken: token.token } : {}) };
}

/**
 * Renames an inbox, enables or disables it, or changes some of its settings (the given fields replace the stored ones, null
 * removes one; the result is validated whole, and an inbox is enabled only with settings its channel accepts).
 */
export async function changeInbox(deps: Deps, id: string, patch: { name?: string; settings?: Record<string, unknown>; enabled?: boolean; csat?: boolean }): Promise<InboxRow> {
  const row = await findInbox(deps.db, id);
  if (!row) throw new AppError("INBOX_NOT_FOUND");
  let sealedSettings: string | null | undefined;
  if (patch.settings) {
    if (!(row.channel in CHANNEL_SETTINGS)) {
      throw new AppError("VALIDATION_FAILED", `A ${row.channel} inbox has no settings to change.`, { settings: `a ${row.channel} inbox has no settings` });
    }
    // A field given as null is removed (an optional one such as an email inbox's imapUrl); the rest replace the stored ones.
    const merged = Object.entries({ ...openedOrNone(deps, row), ...patch.settings }).filter(([, value]) => value !== null);
    const settings = validSettings(row.channel as InboxChannel, Object.fromEntries(merged));
    sealedSettings = seal(deps, id, settings);
  } else if (patch.enabled && row.channel in CHANNEL_SETTINGS) {
    // Enabling a demo inbox that was never configured: its (missing) settings are refused by name.
    validSettings(row.channel as InboxChannel, openedOrNone(deps, row));
  }
  // The CSAT switch is no secret: it lives in the plain settings column, beside nothing sealed.
  const plain = patch.csat === undefined ? undefined : { ...row.settings, csat: patch.csat };
  const updated = await updateInboxRow(deps.db, id, { name: patch.name, sealedSettings, enabled: patch.enabled, settings: plain });
  if (!updated) throw new AppError("INBOX_NOT_FOUND");
  return updated;
}

/** Deletes an inbox that has no conversations (INBOX_IN_USE otherwise: conversations keep their history). */
export async function removeInbox(deps: Deps, id: string): Promise<void> {
  const deleted = await deleteInboxRow(deps.db, id).catch((error: unknown) => {
    throw isForeignKeyViolation(error) ? new AppError("INBOX_IN_USE") : error;
  });
  if (!deleted) throw new AppError("INBOX_NOT_FOUND");
}

/**
 * An enabled inbox of a channel with its opened settings (looked up with the 30-second cache); undefined when there is
 * none of that channel, or it is disabled or not configured (a sender then fails the reply at once).
 */
export async function channelInbox<C extends InboxChannel>(deps: Deps, id: string, channel: C): Promise<{ inbox: InboxRow; settings: ChannelSettings<C> } | undefined> {
  const found = await inboxOfChannel(deps, id, channel);
  return found?.settings ? { inbox: found.inbox, settings: found.settings } : undefined;
}

/** An inbox of a channel, and its settings when it is enabled and they open and parse. */
async function inboxOfChannel<C extends InboxChannel>(deps: Deps, id: string, channel: C): Promise<{ inbox: InboxRow; settings?: ChannelSettings<C> } | undefined> {
  const inbox = await findInboxCached(deps.db, id);
  if (!inbox || inbox.channel !== channel) return undefined;
  if (!inbox.enabled) return { inbox };
  // The cached row is the same object for 30 s: its settings are opened and parsed once, not on every webhook and send.
  let settings = parsedSettings.get(inbox);
  if (settings === undefined) {
    const parsed = CHANNEL_SETTINGS[channel].safeParse(openedOrNone(deps, inbox));
    settings = parsed.success ? parsed.data : null;
    parsedSettings.set(inbox, settings);
  }
  return settings ? { inbox, settings: settings as ChannelSettings<C> } : { inbox };
}

/** Opened, parsed settings of an inbox row (null: they do not open or parse), kept as long as the row object lives. */
const parsedSettings = new WeakMap<InboxRow, Record<string, unknown> | null>();

/**
 * The inbox a webhook names, for its route: 404 INBOX_NOT_FOUND when there is no inbox of this channel with that id
 * (`label` names the channel in the message), 409 INBOX_DISABLED when it is disabled or not configured.
 */
export async function webhookInbox<C extends InboxChannel>(deps: Deps, id: string, channel: C, label: string): Promise<{ inbox: InboxRow; settings: ChannelSettings<C> }> {
  const found = await inboxOfChannel(deps, id, channel);
  if (!found) throw new AppError("INBOX_NOT_FOUND", `There is no ${label} inbox "${id}".`);
  if (!found.settings) throw new AppError("INBOX_DISABLED", `The ${label} inbox "${id}" is disabled or not configured yet.`);
  return { inbox: found.inbox, settings: found.settings };
}

/**
 * An inbox with its settings as the channel reads them (defaults applied), for credential checks and test messages;
 * `settings` is undefined when none open with this SECRETS_KEY or they no longer pass the channel's schema. INBOX_NOT_FOUND when absent.
 */
export async function storedInbox(deps: Deps, id: string): Promise<{ inbox: InboxRow; settings: Record<string, unknown> | undefined }> {
  const inbox = await findInbox(deps.db, id);
  if (!inbox) throw new AppError("INBOX_NOT_FOUND");
  const schema = (CHANNEL_SETTINGS as Record<string, (typeof CHANNEL_SETTINGS)[InboxChannel]>)[inbox.channel];
  const parsed = schema?.safeParse(openedOrNone(deps, inbox));
  return { inbox, settings: parsed?.success && Object.keys(parsed.data).length > 0 ? parsed.data : undefined };
}
