/** Operations of the sentiment and service reports and their drill-down (definitions: docs/reports.md). */
import { csatQuery, drillQuery, sentimentQuery, serviceQuery, staffingBody } from "../../modules/reports/reports.schemas.ts";
import type { Operation } from "./operation.ts";
import { alertIdParams, alertsQuery } from "../../modules/reports/alerts.routes.ts";
import { alertDTO, csatReportDTO, reportMessageDTO, sentimentReportDTO, serviceReportDTO, staffingPlanDTO } from "./schemas-reports.ts";

const V1 = "/api/v1";
const read = { auth: "actor", actions: ["report.read"] } as const;
const exported = { auth: "actor", actions: ["report.read", "report.export"] } as const;
const periods =
  "Buckets in the IANA `timezone` (default the server's), daylight-saving days included; dates in from/to are midnight there (default: the last 30 days, at most 366). groupBy team answers 400 until teams exist.";

/** Every operation of the sentiment and service reports. */
export const reportOperations: Operation[] = [
  {
    method: "get",
    path: `${V1}/reports/sentiment`,
    tag: "Reports",
    summary: "Sentiment over time by group",
    description: `Per group and bucket: customer messages with a sentiment, mean score, shares by label, conversations that worsened or turned around, and the mean change from the agent's first reply to the end. ${periods}`,
    access: read,
    query: sentimentQuery,
    success: { status: 200, description: "The report.", data: sentimentReportDTO },
  },
  {
    method: "get",
    path: `${V1}/reports/sentiment.csv`,
    tag: "Reports",
    summary: "Sentiment report as CSV",
    access: exported,
    query: sentimentQuery,
    success: { status: 200, description: "group, label, bucket (or total), then the figures; also on the JSON path with Accept: text/csv.", files: ["text/csv"] },
  },
  {
    method: "get",
    path: `${V1}/reports/messages`,
    tag: "Reports",
    summary: "Drill-down: the messages behind a point",
    description: "The customer messages of the sentiment report's filters, one bucket, one group (empty: the group without a key) and one label, newest first, with their scores and the words that drove them.",
    access: read,
    query: drillQuery,
    success: { status: 200, description: "A page of messages.", page: reportMessageDTO },
  },
  {
    method: "get",
    path: `${V1}/reports/messages.csv`,
    tag: "Reports",
    summary: "Drill-down as CSV",
    access: exported,
    query: drillQuery,
    success: { status: 200, description: "Every message behind the point: id, conversationId, createdAt, score, label, intent, channel, inboxId, agentId, drivers, text.", files: ["text/csv"] },
  },
  {
    method: "get",
    path: `${V1}/reports/service`,
    tag: "Reports",
    summary: "Service metrics by group",
    description: `Per group and bucket: conversations and the bot-contained share, hand-offs by reason, first response and resolution time (p50, p90, seconds), reopen rate, tickets by status and priority, workload. ${periods}`,
    access: read,
    query: serviceQuery,
    success: { status: 200, description: "The report.", data: serviceReportDTO },
  },
  {
    method: "get",
    path: `${V1}/reports/service.csv`,
    tag: "Reports",
    summary: "Service metrics as CSV",
    access: exported,
    query: serviceQuery,
    success: { status: 200, description: "group, label, bucket (or total), then the figures flattened; also on the JSON path with Accept: text/csv.", files: ["text/csv"] },
  },
  {
    method: "post",
    path: `${V1}/reports/staffing`,
    tag: "Reports",
    summary: "Staffing plan: agents per hour (Erlang C) and the cheapest shifts (HiGHS)",
    description:
      "Expected contacts per hour of the week (the tickets of the last `weeks`, per weekday and hour in `timezone`, or `arrivals` as given), the fewest agents per hour that answer `serviceLevel.target` of them within `serviceLevel.withinSeconds` by Erlang C with `handleTimeSeconds`, then the shifts (each offered start and length, every day, the week wrapping) that cover every hour with the fewest agent-hours, solved as an integer program. Nothing is stored. See docs/reports.md.",
    access: read,
    body: staffingBody,
    success: { status: 200, description: "The plan.", data: staffingPlanDTO },
    errors: ["STAFFING_UNSOLVED"],
  },
  {
    method: "get",
    path: `${V1}/reports/csat`,
    tag: "Reports",
    summary: "CSAT by group, and beside NLP sentiment",
    description: `Per group and bucket (by when each answer was given) and overall: CSAT answers, mean score and the share satisfied (4–5); Pearson's r between the rating and the mean sentiment score of the same conversations' customer messages; and the conversations where they disagree (rated 1–2 with a mean score above 0, or 4–5 below 0), each with its console link. ${periods}`,
    access: read,
    query: csatQuery,
    success: { status: 200, description: "The report.", data: csatReportDTO },
  },
  {
    method: "get",
    path: `${V1}/reports/csat.csv`,
    tag: "Reports",
    summary: "CSAT report as CSV",
    access: exported,
    query: csatQuery,
    success: { status: 200, description: "group, label, bucket (or total; the overall line has group overall), responses, meanScore, satisfiedShare; then one line per disagreement (bucket disagreement) with conversationId, kind, score, sentiment, link.", files: ["text/csv"] },
  },
  {
    method: "get",
    path: `${V1}/reports/alerts`,
    tag: "Reports",
    summary: "Negative-sentiment alerts",
    description: "Alerts raised by the reports.alerts job (rule: README, Alerts), newest first: open (not acknowledged, the default) or acknowledged. Each names its inbox or topic, the hour, the negative share and the threshold it passed, and the drill-down to its messages.",
    access: read,
    query: alertsQuery,
    success: { status: 200, description: "A page of alerts.", page: alertDTO },
  },
  {
    method: "post",
    path: `${V1}/reports/alerts/{id}/acknowledge`,
    tag: "Reports",
    summary: "Acknowledge an alert",
    description: "Marks the alert acknowledged by the caller (again is harmless: the first acknowledgement stands). Acknowledging does not end the spike: the scope raises no new alert until its share falls back below the threshold.",
    access: read,
    params: alertIdParams,
    success: { status: 200, description: "The alert.", data: alertDTO },
    errors: ["ALERT_NOT_FOUND"],
  },
];
