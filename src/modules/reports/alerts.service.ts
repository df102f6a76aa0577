/**
 * Negative-sentiment alerts (see README, Alerts): the reports.alerts job compares each inbox's and topic's share of
 * negative customer messages over the last hour with its own last four weeks, raises an alert once per spike, and tells
 * the managers and admins (a console notification, and an email when an email inbox can send).
 */
import type { AlertDTO } from "../../contracts/reports.ts";
import { AppError } from "../../errors.ts";
import { childLogger } from "../../logger.ts";
import type { ServiceDeps } from "../deps.ts";
import { notifyUser } from "../notes/index.ts";
import { acknowledgeAlertRow, activeAlerts, alertRecipients, endAlerts, insertAlert, listAlerts, scopeHours, type AlertRow, type ScopeHourRow } from "./alerts.repo.ts";
import { keyNames } from "./sentiment.repo.ts";

const log = childLogger("alerts");

/** The name of the repeatable job that scans for spikes. */
export const REPORT_ALERTS_JOB = "reports.alerts";

/** The window scanned, the history it is compared with, and the fewest history hours a percentile is taken over. */
const WINDOW_MS = 3_600_000;
const HISTORY_DAYS = 28;
const MIN_HISTORY_HOURS = 7;

/** ALERT_MIN_NEGATIVE, ALERT_MIN_MESSAGES and ALERT_FLOOR (config.alerts). */
export type AlertSettings = { minNegative: number; minMessages: number; floor: number };

/** Sends the alert mail to managers and admins; false when no email inbox can send. */
export type AlertMailer = { send(mail: { to: string[]; subject: string; text: string }): Promise<boolean> };

/**
 * The share above which a scope's last hour is a spike: the 99th percentile of its history hours' negative shares at
 * the same UTC hour of day (with at least 7 of them), else of all its history hours (at least 7), and never below the
 * floor; with less history, the floor alone.
 */
export function thresholdOf(row: Pick<ScopeHourRow, "same_hours" | "same_p99" | "all_hours" | "all_p99">, floor: number): number {
  const p99 = row.same_hours >= MIN_HISTORY_HOURS ? row.same_p99 : row.all_hours >= MIN_HISTORY_HOURS ? row.all_p99 : null;
  return Math.max(floor, p99 ?? 0);
}

/** The drill-down listing the negative messages behind an alert. */
export function alertDrillDown(row: Pick<AlertRow, "scope" | "key" | "windowStart" | "windowEnd">): string {
  const params = new URLSearchParams({ from: row.windowStart.toISOString(), to: row.windowEnd.toISOString(), timezone: "UTC", groupBy: row.scope, group: row.key, sentiment: "negative" });
  return `/api/v1/reports/messages?${params.toString()}`;
}

const round = (x: number, digits: number): number => Number(x.toFixed(digits));

/** An alert as the API shows it (`label`: the inbox's name, or the topic). */
export function presentAlert(row: AlertRow, label: string): AlertDTO {
  return {
    id: row.id,
    scope: row.scope,
    key: row.key,
    label,
    status: row.acknowledgedAt ? "acknowledged" : "open",
    windowStart: row.windowStart.toISOString(),
    windowEnd: row.windowEnd.toISOString(),
    share: round(row.share, 4),
    threshold: round(row.threshold, 4),
    negative: row.negative,
    volume: row.volume,
    raisedAt: row.raisedAt.toISOString(),
    endedAt: row.endedAt?.toISOString() ?? null,
    acknowledgedAt: row.acknowledgedAt?.toISOString() ?? null,
    acknowledgedBy: row.acknowledgedBy,
    drillDown: alertDrillDown(row),
  };
}

/** Labels of alerts: inbox names, topics as they are. */
async function labelsOf(deps: Pick<ServiceDeps, "db">, rows: AlertRow[]): Promise<(row: AlertRow) => string> {
  const inboxes = await keyNames(deps.db, "inbox", [...new Set(rows.filter((r) => r.scope === "inbox").map((r) => r.key))]);
  return (row) => (row.scope === "inbox" ? (inboxes.get(row.key) ?? row.key) : row.key);
}

/**
 * One scan: raises an alert for each scope now above its threshold with at least `minNegative` negative messages and
 * no spike in progress, and ends the spikes of scopes back below it. Returns the alerts raised.
 */
export async function scanAlerts(deps: Pick<ServiceDeps, "db" | "events" | "now">, settings: AlertSettings, mailer?: AlertMailer): Promise<AlertDTO[]> {
  const now = deps.now();
  const window = { start: new Date(now.getTime() - WINDOW_MS), end: now };
  const rows = await scopeHours(deps.db, window, HISTORY_DAYS, settings.minMessages);
  const elevated = rows
    .map((r) => ({ ...r, share: r.negative / r.volume, threshold: thresholdOf(r, settings.floor) }))
    .filter((r) => r.negative >= settings.minNegative && r.share > r.threshold);
  const isElevated = new Set(elevated.map((r) => `${r.scope}:${r.key}`));
  // A spike ends when its scope falls back (or goes quiet); only then can the scope raise another.
  const ended = (await activeAlerts(deps.db)).filter((a) => !isElevated.has(`${a.scope}:${a.key}`));
  await endAlerts(deps.db, ended.map((a) => a.id), now);
  const raised: AlertRow[] = [];
  for (const r of elevated) {
    const row = await insertAlert(deps.db, {
      scope: r.scope,
      key: r.key,
      windowStart: window.start,
      windowEnd: window.end,
      share: r.share,
      threshold: r.threshold,
      negative: r.negative,
      volume: r.volume,
      raisedAt: now,
    });
    if (row) raised.push(row);
  }
  if (raised.length === 0) return [];
  const label = await labelsOf(deps, raised);
  const alerts = raised.map((row) => presentAlert(row, label(row)));
  await announce(deps, alerts, mailer);
  return alerts;
}

/** Tells every active manager and admin: a console notification per alert, and one mail listing them when mail can go. */
async function announce(deps: Pick<ServiceDeps, "db" | "events" | "now">, alerts: AlertDTO[], mailer?: AlertMailer): Promise<void> {
  const recipients = await alertRecipients(deps.db);
  for (const user of recipients) {
    for (const a of alerts) {
      await notifyUser(deps, user.id, "negative_spike", {
        alertId: a.id,
        scope: a.scope,
        key: a.key,
        label: a.label,
        share: a.share,
        threshold: a.threshold,
        negative: a.negative,
        volume: a.volume,
        drillDown: a.drillDown,
      });
    }
  }
  if (!mailer || recipients.length === 0) return;
  const lines = alerts.map(
    (a) => `- ${a.scope} "${a.label}": ${Math.round(a.share * 100)}% negative (${a.negative} of ${a.volume} customer messages) in the hour to ${a.windowEnd}; usually at most ${Math.round(a.threshold * 100)}%. Messages: ${a.drillDown}`,
  );
  const text = ["Negative customer messages rose beyond what the last four weeks make plausible:", "", ...lines, "", "Acknowledge the alerts in the console's Reports."].join("\n");
  const subject = alerts.length === 1 ? `Alert: negative messages spiking in ${alerts[0].scope} "${alerts[0].label}"` : `Alert: negative messages spiking in ${alerts.length} places`;
  try {
    const sent = await mailer.send({ to: recipients.map((u) => u.email), subject, text });
    if (!sent) log.info("no email inbox can send; the alert went to the console only");
  } catch (error) {
    // The console notification is the alert; a relay failing loses only the mail.
    log.warn({ err: error }, "could not mail the alert");
  }
}

/** A page of alerts, newest first. */
export async function alertsPage(deps: Pick<ServiceDeps, "db">, status: "open" | "acknowledged", cursor: { at: string; id: string } | null, limit: number): Promise<AlertDTO[]> {
  const rows = await listAlerts(deps.db, status, cursor, limit);
  const label = await labelsOf(deps, rows);
  return rows.map((row) => presentAlert(row, label(row)));
}

/** Acknowledges an alert (again is harmless: the first acknowledgement stands); ALERT_NOT_FOUND otherwise. */
export async function acknowledgeAlert(deps: Pick<ServiceDeps, "db" | "now">, id: string, by: string | null): Promise<AlertDTO> {
  const row = await acknowledgeAlertRow(deps.db, id, by, deps.now());
  if (!row) throw new AppError("ALERT_NOT_FOUND");
  const label = await labelsOf(deps, [row]);
  return presentAlert(row, label(row));
}
