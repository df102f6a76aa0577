/** Manager reports' shapes (sentiment, service, drill-down), shared by the server and the console. */

/** Bucket width of a report's series. */
export type ReportInterval = "hour" | "day" | "week" | "month";
/** What the sentiment report groups by. */
export type SentimentGroupBy = "channel" | "inbox" | "agent" | "team" | "intent" | "topic" | "tier" | "segment";
/** What the service report groups by. */
export type ServiceGroupBy = "channel" | "inbox" | "agent" | "team";
/** A message's sentiment label. */
export type SentimentLabel = "negative" | "neutral" | "positive";

/** Sentiment figures of one bucket (or a whole period) of one group. */
export type SentimentFigures = {
  /** Customer messages with a sentiment. */
  messages: number;
  /** Mean sentiment score of those messages (null without any). */
  meanScore: number | null;
  negativeShare: number | null;
  neutralShare: number | null;
  positiveShare: number | null;
  /** Conversations whose last customer message falls here, with at least two customer messages with a sentiment. */
  conversations: number;
  /** Of those, the ones whose last message's label is below the first's. */
  worsened: number;
  /** Of those, the ones whose last message's label is above the first's. */
  turnedAround: number;
  /** Mean change of the customer's score from the agent's first reply to the end (null without an agent stint). */
  agentChange: number | null;
  /** Conversations the agentChange is the mean of. */
  agentConversations: number;
};

/** One point of a series: the bucket's start in the report's time zone (ISO with offset) and its figures. */
export type SentimentPoint = SentimentFigures & { bucket: string };

/** One group of a report: its key (null: none, e.g. messages before any agent replied), a readable label, the period's totals and the series. */
export type SentimentGroup = { key: string | null; label: string; total: SentimentFigures; series: SentimentPoint[] };

/** GET /api/v1/reports/sentiment. */
export type SentimentReportDTO = {
  from: string;
  to: string;
  interval: ReportInterval;
  groupBy: SentimentGroupBy;
  timezone: string;
  /** "rollups": whole UTC hours from the hourly rollups; "raw": every message read (see README, Reports). */
  source: "rollups" | "raw";
  groups: SentimentGroup[];
};

/** A word or phrase that moved a message's score, and by how much. */
export type SentimentDriverDTO = { text: string; weight: number };

/** One message behind a report's point. */
export type ReportMessageDTO = {
  id: string;
  conversationId: string;
  createdAt: string;
  text: string;
  score: number;
  label: SentimentLabel;
  intent: string | null;
  channel: string;
  inboxId: string;
  agentId: string | null;
  drivers: SentimentDriverDTO[];
};

/** GET /api/v1/reports/messages: a page of messages, newest first. */
export type ReportMessagesPageDTO = { items: ReportMessageDTO[]; nextCursor: string | null };

/** p50 and p90 of a duration in seconds (null without any). */
export type Percentiles = { p50: number | null; p90: number | null };

/** Service figures of one bucket (or a whole period) of one group. */
export type ServiceFigures = {
  /** Conversations started. */
  conversations: number;
  /** Of those, never handed to a human. */
  contained: number;
  containedShare: number | null;
  /** Tickets opened (hand-offs), by reason. */
  handoffs: number;
  handoffReasons: Record<string, number>;
  /** Seconds from hand-off to the first agent reply, of the tickets opened here. */
  firstResponse: Percentiles;
  /** Seconds from hand-off to resolution, of the tickets resolved here. */
  resolution: Percentiles;
  /** Resolutions here, and how many of those tickets were reopened since. */
  resolutions: number;
  reopened: number;
  reopenRate: number | null;
  /** Tickets opened here, by their status and priority now. */
  ticketsByStatus: Record<"open" | "pending" | "resolved", number>;
  ticketsByPriority: Record<"low" | "normal" | "high" | "urgent", number>;
  /** Agent workload: tickets assigned here (assignment events), tickets resolved here, median seconds from assignment to resolution. */
  assigned: number;
  resolved: number;
  medianHandleSeconds: number | null;
  /** SLA targets breached here (by when the breach was recorded), per metric. */
  slaBreaches: SlaBreachCounts;
  /** CSAT answers given here (by when each was given), grouped as the conversation they rate. */
  csat: CsatFigures;
};

/** CSAT figures: answers, their mean score (1–5) and the share that were satisfied (4 or 5); null without answers. */
export type CsatFigures = { responses: number; meanScore: number | null; satisfiedShare: number | null };

/** Breached SLA targets per metric, and their sum. */
export type SlaBreachCounts = { firstResponse: number; nextResponse: number; resolution: number; total: number };

/** One point of a service series. */
export type ServicePoint = ServiceFigures & { bucket: string };

/** One group of the service report. */
export type ServiceGroup = { key: string | null; label: string; total: ServiceFigures; series: ServicePoint[] };

/** GET /api/v1/reports/service. */
export type ServiceReportDTO = {
  from: string;
  to: string;
  interval: ReportInterval;
  groupBy: ServiceGroupBy;
  timezone: string;
  groups: ServiceGroup[];
  /** SLA breaches of the whole period over every group (each breach belongs to one group). */
  slaBreaches: SlaBreachCounts;
  /** CSAT answers of the whole period over every group (each answer belongs to one group). */
  csat: CsatFigures;
};

/** A rated conversation whose CSAT and NLP sentiment disagree. */
export type CsatDisagreement = {
  conversationId: string;
  /** "low_csat_positive_sentiment": rated 1–2, its customer messages' mean score above 0; "high_csat_negative_sentiment": rated 4–5, below 0. */
  kind: "low_csat_positive_sentiment" | "high_csat_negative_sentiment";
  score: number;
  /** Mean sentiment score of the conversation's customer messages. */
  sentiment: number;
  /** Customer messages with a sentiment in the conversation. */
  messages: number;
  comment: string | null;
  channel: string;
  inboxId: string;
  respondedAt: string;
  /** The conversation in the console. */
  link: string;
};

/** GET /api/v1/reports/csat (and csat.csv). */
export type CsatReportDTO = {
  from: string;
  to: string;
  interval: ReportInterval;
  timezone: string;
  groupBy: ServiceGroupBy;
  overall: CsatFigures;
  /** Groups with at least one answer, the most answers first, each with its points (buckets by when the answer was given). */
  groups: { key: string | null; label: string; total: CsatFigures; series: (CsatFigures & { bucket: string })[] }[];
  /** CSAT against the mean sentiment of the same conversations: how many have both, and Pearson's r (null below 3 or without variation). */
  sentiment: { conversations: number; pearson: number | null };
  /** Conversations where the rating and the sentiment disagree, the farthest apart first. */
  disagreements: CsatDisagreement[];
};

/** A negative-sentiment alert (GET /api/v1/reports/alerts): one spike of one inbox or topic. */
export type AlertDTO = {
  id: string;
  scope: "inbox" | "topic";
  /** The inbox id or the topic. */
  key: string;
  /** The inbox's name, or the topic. */
  label: string;
  /** "open" until a manager acknowledges it. */
  status: "open" | "acknowledged";
  /** The hour scanned when it was raised. */
  windowStart: string;
  windowEnd: string;
  /** Share of the window's customer messages that were negative, and the threshold it passed. */
  share: number;
  threshold: number;
  negative: number;
  volume: number;
  raisedAt: string;
  /** When the scope fell back below its threshold (null while the spike lasts). */
  endedAt: string | null;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  /** GET /api/v1/reports/messages for the negative messages of the window in this scope. */
  drillDown: string;
};
