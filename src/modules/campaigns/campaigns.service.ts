/** Campaign use cases: create, list, read, start, pause, results, and opting a customer out. */
import { AppError } from "../../errors.ts";
import type { CampaignForecastDTO, CampaignResultsDTO } from "../../contracts/campaigns.ts";
import type { ServiceDeps } from "../deps.ts";
import { findCustomer } from "../customers/index.ts";
import { forecastCampaign, topResponseIds } from "../insights/index.ts";
import { audienceIds } from "./campaigns.audience.ts";
import { channelInbox, findInbox, listInboxes } from "../inboxes/index.ts";
import type { Actor } from "../policy/index.ts";
import { presentResults } from "./campaigns.presenter.ts";
import { findCampaign, insertCampaign, listCampaignRows, moveCampaign, optOut, variantFiguresRows, type CampaignRow } from "./campaigns.repo.ts";
import type { CampaignAudienceInput, CreateCampaignInput, ForecastInput } from "./campaigns.schemas.ts";

/** The bull job that sends a campaign (one batch per run; see campaigns.jobs.ts). */
export const CAMPAIGN_SEND_JOB = "campaign.send";

type Deps = Pick<ServiceDeps, "db" | "queue" | "now" | "secrets">;

// The email inbox whose relay sends an email campaign: the one named, else the oldest enabled email inbox with settings.
async function emailInboxId(deps: Deps, inboxId: string | undefined): Promise<string> {
  if (inboxId) {
    const inbox = await findInbox(deps.db, inboxId);
    if (!inbox) throw new AppError("INBOX_NOT_FOUND", `Inbox "${inboxId}" does not exist.`, { inboxId: "does not exist" });
    if (inbox.channel !== "email") throw new AppError("VALIDATION_FAILED", "inboxId must be an email inbox", { inboxId: "is not an email inbox" });
    return inbox.id;
  }
  let email: { id: string } | undefined;
  for (const inbox of await listInboxes(deps.db)) {
    if (inbox.channel === "email" && (await channelInbox(deps, inbox.id, "email"))) {
      email = inbox;
      break;
    }
  }
  if (!email) throw new AppError("VALIDATION_FAILED", "An email campaign needs an email inbox to send through; add one first.", { inboxId: "no enabled email inbox with settings exists" });
  return email.id;
}

/** Asks the queue to run the campaign's send job, now or after `delayMs`. */
async function queueSend(deps: Deps, campaignId: string, delayMs?: number): Promise<void> {
  await deps.queue.enqueue(CAMPAIGN_SEND_JOB, { campaignId }, delayMs ? { delayMs } : {});
}

/**
 * Creates a campaign: a draft, or scheduled when `schedule` is given (its send job is queued for then; a time in the
 * past starts it at once). Without variants the message is variant "A".
 */
export async function createCampaign(deps: Deps, actor: Actor, input: CreateCampaignInput): Promise<CampaignRow> {
  await assertAudienceUsable(deps, input.audience);
  const variants = input.variants ?? [{ name: "A", message: input.message! }];
  const inboxId = input.channel === "email" ? await emailInboxId(deps, input.inboxId) : null;
  if (input.channel === "widget" && input.inboxId) throw new AppError("VALIDATION_FAILED", "inboxId is for email campaigns", { inboxId: "is for email campaigns only" });
  const scheduleAt = input.schedule ? new Date(input.schedule) : null;
  const now = deps.now();
  const campaign = await insertCampaign(deps.db, {
    name: input.name,
    channel: input.channel,
    audience: input.audience,
    message: input.message ?? variants[0]!.message,
    variants,
    subject: input.subject ?? null,
    inboxId,
    status: scheduleAt ? "scheduled" : "draft",
    scheduleAt,
    throttlePerMinute: input.throttle ?? null,
    conversionDays: input.conversionDays ?? 7,
    createdById: actor.kind === "api_key" ? null : actor.id,
    createdAt: now,
    updatedAt: now,
  });
  if (scheduleAt) await queueSend(deps, campaign.id, Math.max(0, scheduleAt.getTime() - now.getTime()));
  return campaign;
}

/** A "top N by response score" audience needs scores: VALIDATION_FAILED (naming audience) until a refresh trained the model. */
async function assertAudienceUsable(deps: Pick<ServiceDeps, "db">, audience: CampaignAudienceInput): Promise<void> {
  if (!("topResponse" in audience)) return;
  if ((await topResponseIds(deps.db, 1)).length > 0) return;
  throw new AppError("VALIDATION_FAILED", "No customer has a response score yet: the response model needs past campaign outcomes (GET /api/v1/insights/response says what is missing).", {
    audience: "no response scores yet",
  });
}

/** Predicts a campaign's response rate and revenue before it is sent, from its audience and message (the latest refresh's regression). */
export async function forecast(deps: Pick<ServiceDeps, "db">, input: ForecastInput): Promise<CampaignForecastDTO> {
  const ids = await audienceIds(deps, input.audience);
  const variants = input.variants ?? [{ name: "A", message: input.message! }];
  return forecastCampaign(deps.db, ids, { channel: input.channel, text: input.message ?? variants[0]!.message, variants: variants.length });
}

/** One campaign, or 404 CAMPAIGN_NOT_FOUND. */
export async function getCampaign(deps: Pick<ServiceDeps, "db">, id: string): Promise<CampaignRow> {
  const campaign = await findCampaign(deps.db, id);
  if (!campaign) throw new AppError("CAMPAIGN_NOT_FOUND");
  return campaign;
}

/** Campaigns, newest first; `limit` rows after the cursor. */
export async function listCampaigns(deps: Pick<ServiceDeps, "db">, cursor: { at: string; id: string } | null, limit: number): Promise<CampaignRow[]> {
  return listCampaignRows(deps.db, cursor, limit);
}

/**
 * Starts (or resumes) a campaign now: a draft, a scheduled or a paused campaign runs, and its send job is queued. A
 * running one is left as it is; a completed one is 409 CAMPAIGN_NOT_EDITABLE.
 */
export async function startCampaign(deps: Deps, id: string): Promise<CampaignRow> {
  const campaign = await getCampaign(deps, id);
  if (campaign.status === "running") return campaign;
  const now = deps.now();
  const started = await moveCampaign(deps.db, id, ["draft", "scheduled", "paused"], { status: "running", startedAt: campaign.startedAt ?? now, updatedAt: now });
  if (!started) throw new AppError("CAMPAIGN_NOT_EDITABLE", `The campaign is ${(await getCampaign(deps, id)).status}; it cannot be started.`);
  await queueSend(deps, id);
  return started;
}

/** Pauses a running or scheduled campaign (sends not yet made wait; widget messages not yet shown wait too). A draft or completed one is 409. */
export async function pauseCampaign(deps: Deps, id: string): Promise<CampaignRow> {
  const campaign = await getCampaign(deps, id);
  if (campaign.status === "paused") return campaign;
  const paused = await moveCampaign(deps.db, id, ["running", "scheduled"], { status: "paused", updatedAt: deps.now() });
  if (!paused) throw new AppError("CAMPAIGN_NOT_EDITABLE", `The campaign is ${(await getCampaign(deps, id)).status}; only a running or scheduled campaign can be paused.`);
  return paused;
}

/** A campaign's figures per variant with the significance tests between them. */
export async function campaignResults(deps: Pick<ServiceDeps, "db">, id: string): Promise<CampaignResultsDTO> {
  const campaign = await getCampaign(deps, id);
  return presentResults(campaign, await variantFiguresRows(deps.db, id));
}

/** Opts a customer out of every campaign from now on (404 CUSTOMER_NOT_FOUND); sends not yet made or shown are skipped. */
export async function optOutCustomer(deps: Pick<ServiceDeps, "db">, customerId: string): Promise<void> {
  if (!(await findCustomer(deps.db, customerId))) throw new AppError("CUSTOMER_NOT_FOUND");
  await optOut(deps.db, { customerId }, "api", null);
}
