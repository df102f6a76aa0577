/** AppError and the one catalogue of stable error codes: each code keeps its HTTP status and meaning forever. */

/** Every error code the API and sockets can return, with its HTTP status and default message. */
export const errorCatalogue = {
  VALIDATION_FAILED: { status: 400, message: "The request is invalid." },
  CSV_INVALID: { status: 400, message: "The CSV file cannot be read." },
  MALFORMED_JSON: { status: 400, message: "The request body is not valid JSON." },
  MESSAGE_EMPTY: { status: 400, message: "The message text is empty." },
  MESSAGE_TOO_LONG: { status: 400, message: "The message text is too long." },
  UNAUTHENTICATED: { status: 401, message: "Log in first." },
  INVALID_CREDENTIALS: { status: 401, message: "The email or password is wrong." },
  INVITE_INVALID: { status: 410, message: "This invite link is unknown, was used already or has expired; ask an admin for a new one." },
  IDENTITY_INVALID: { status: 401, message: "The signed identity is invalid for this inbox." },
  WEBHOOK_UNVERIFIED: { status: 401, message: "The webhook's secret token or signature is missing or wrong." },
  IDENTITY_EXPIRED: { status: 401, message: "The signed identity has expired." },
  FORBIDDEN: { status: 403, message: "You are not allowed to do this." },
  NOT_FOUND: { status: 404, message: "There is nothing at this address." },
  INBOX_NOT_FOUND: { status: 404, message: "The inbox does not exist." },
  CONVERSATION_NOT_FOUND: { status: 404, message: "The conversation does not exist." },
  ATTACHMENT_NOT_FOUND: { status: 404, message: "The conversation has no such attachment." },
  TICKET_NOT_FOUND: { status: 404, message: "The ticket does not exist." },
  USER_NOT_FOUND: { status: 404, message: "The user does not exist." },
  CUSTOMER_NOT_FOUND: { status: 404, message: "The customer does not exist." },
  SESSION_NOT_FOUND: { status: 404, message: "You have no such session." },
  COMPANY_NOT_FOUND: { status: 404, message: "The company does not exist." },
  NOTE_NOT_FOUND: { status: 404, message: "The note does not exist." },
  ATTRIBUTE_NOT_FOUND: { status: 404, message: "The custom attribute is not defined." },
  IMPORT_NOT_FOUND: { status: 404, message: "The import does not exist." },
  API_KEY_NOT_FOUND: { status: 404, message: "The API key does not exist." },
  SUGGESTION_NOT_FOUND: { status: 404, message: "The customer has no such suggestion." },
  PRODUCT_NOT_FOUND: { status: 404, message: "The product does not exist." },
  ORDER_NOT_FOUND: { status: 404, message: "The order does not exist." },
  DEAL_NOT_FOUND: { status: 404, message: "The deal does not exist." },
  STAGE_NOT_FOUND: { status: 404, message: "The pipeline stage does not exist." },
  TEAM_NOT_FOUND: { status: 404, message: "The team does not exist." },
  LABEL_NOT_FOUND: { status: 404, message: "The label does not exist." },
  SLA_POLICY_NOT_FOUND: { status: 404, message: "The SLA policy does not exist." },
  CANNED_REPLY_NOT_FOUND: { status: 404, message: "The canned reply does not exist." },
  KB_ARTICLE_NOT_FOUND: { status: 404, message: "The knowledge-base article does not exist." },
  INTENT_TRAINING_NOT_FOUND: { status: 404, message: "The intent-model training does not exist." },
  CAMPAIGN_NOT_FOUND: { status: 404, message: "The campaign does not exist." },
  CONVERSATION_RESOLVED: { status: 409, message: "The conversation is resolved." },
  CSAT_ALREADY_SUBMITTED: { status: 409, message: "This conversation's rating was given already; it is asked once per conversation." },
  CSAT_NOT_REQUESTED: { status: 409, message: "This conversation has no rating to give: it was not resolved, or the time to rate it has passed." },
  ALERT_NOT_FOUND: { status: 404, message: "The alert does not exist." },
  REPLY_CONFLICT: { status: 409, message: "A colleague replied after the last message you saw; send again with force to send anyway." },
  TICKET_CHANGED: { status: 409, message: "The ticket kept changing while your change was applied; reload it and try again." },
  USER_EXISTS: { status: 409, message: "A user with this email already exists." },
  LAST_ADMIN: { status: 409, message: "The last active admin cannot be deactivated or given another role." },
  TEAM_EXISTS: { status: 409, message: "A team with this name already exists." },
  LABEL_EXISTS: { status: 409, message: "A label with this name already exists." },
  INTENT_TRAINING_RUNNING: { status: 409, message: "The intent model is being retrained already; wait for that run to finish." },
  INSIGHTS_REFRESH_RUNNING: { status: 409, message: "An insights refresh is queued or running already; wait for it to finish." },
  SLA_POLICY_EXISTS: { status: 409, message: "This priority has an SLA policy already; change that one." },
  CANNED_REPLY_EXISTS: { status: 409, message: "A canned reply with this shortcut already exists." },
  CUSTOMER_EXISTS: { status: 409, message: "A customer with this email or phone already exists." },
  COMPANY_EXISTS: { status: 409, message: "A company with this domain already exists." },
  ATTRIBUTE_EXISTS: { status: 409, message: "A custom attribute with this key already exists." },
  PRODUCT_EXISTS: { status: 409, message: "A product with this SKU already exists." },
  ORDER_STATUS_INVALID: { status: 409, message: "The order cannot move to this status from its current one." },
  CAMPAIGN_NOT_EDITABLE: { status: 409, message: "The campaign cannot make this change in its current state." },
  DELIVERY_NOT_FAILED: { status: 409, message: "Only a reply whose delivery failed can be retried." },
  INBOX_CHECK_UNSUPPORTED: { status: 409, message: "This inbox's channel has no provider to check credentials with or send a test message through." },
  INBOX_IN_USE: { status: 409, message: "The inbox has conversations; it cannot be deleted." },
  INBOX_DISABLED: { status: 409, message: "The inbox is disabled or not configured yet; an admin enables it once its settings are entered." },
  STAGE_IN_USE: { status: 409, message: "The pipeline stage still has deals; move them first." },
  INVITE_EMAIL_UNAVAILABLE: { status: 409, message: "No email inbox can send the invite: add an email inbox with an SMTP relay, or add the user with a temporary password." },
  DEAL_NOT_OPEN: { status: 409, message: "The deal is closed (won or lost); only open deals can be planned or reassigned by a plan." },
  STAFFING_UNSOLVED: { status: 422, message: "No optimal shift plan was found within the solver's time limit." },
  PLAN_INFEASIBLE: { status: 422, message: "No plan satisfies the constraints: the active sales reps lack room or do not cover a segment." },
  PAYLOAD_TOO_LARGE: { status: 413, message: "The request body is too large." },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: "The request body's Content-Encoding or charset is not supported." },
  RATE_LIMITED: { status: 429, message: "Too many requests; slow down." },
  INTERNAL: { status: 500, message: "Something went wrong on our side." },
  UNAVAILABLE: { status: 503, message: "A service the server depends on is down." },
} as const;

/** A stable error code from the catalogue. */
export type ErrorCode = keyof typeof errorCatalogue;

/** Pointers an error may carry beside its message: the record a duplicate collides with, the one a merged id now lives in. */
export type ErrorDetails = { existingId?: string; mergedInto?: string; latestReply?: { id: string; by: string } };

/** An expected failure with a catalogue code, an optional specific message, per-field reasons and pointers. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly fields?: Record<string, string>;
  readonly details?: ErrorDetails;

  constructor(code: ErrorCode, message?: string, fields?: Record<string, string>, details?: ErrorDetails) {
    super(message ?? errorCatalogue[code].message);
    this.code = code;
    this.status = errorCatalogue[code].status;
    this.fields = fields;
    this.details = details;
  }

  /** The JSON shape used by REST bodies and socket acknowledgements. */
  toJSON(): { code: ErrorCode; message: string; fields?: Record<string, string> } & ErrorDetails {
    return { code: this.code, message: this.message, ...(this.fields ? { fields: this.fields } : {}), ...this.details };
  }
}

/** Converts a zod error into a VALIDATION_FAILED AppError naming each field and its reason. */
export function validationError(issues: { path: PropertyKey[]; message: string }[]): AppError {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join(".") || "body";
    fields[key] ??= issue.message;
  }
  const summary = Object.entries(fields)
    .map(([k, m]) => `${k}: ${m}`)
    .join("; ");
  return new AppError("VALIDATION_FAILED", `Invalid input: ${summary}`, fields);
}

/** RATE_LIMITED with the whole seconds until the client may try again (the Retry-After header, the ack's `retryAfter`). */
export class RateLimitedError extends AppError {
  readonly retryAfterSec: number;

  constructor(retryAfterMs: number) {
    super("RATE_LIMITED");
    this.retryAfterSec = Math.max(1, Math.ceil(retryAfterMs / 1000));
  }

  override toJSON(): { code: ErrorCode; message: string; retryAfter: number } {
    return { code: this.code, message: this.message, retryAfter: this.retryAfterSec };
  }
}

// SQLSTATEs PostgreSQL raises for a value it cannot take (bad uuid or number syntax, NUL or unpaired surrogates,
// out-of-range numbers and dates, over-long strings): a value from the request reached a query unchecked.
const INPUT_SQLSTATES = new Set(["22P02", "22P05", "22021", "22003", "22008", "22007", "22001", "22023", "22025", "2201B"]);

/**
 * VALIDATION_FAILED for a database error caused by a value the client sent (PostgreSQL's data exceptions above,
 * whether Drizzle wraps the driver's error or not), undefined for anything else. Edges validate first; this is the
 * net that keeps a missed check a 400 instead of a 500.
 */
export function dataExceptionError(error: unknown): AppError | undefined {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && INPUT_SQLSTATES.has(code)) return new AppError("VALIDATION_FAILED", "A value in the request is not valid for its field.");
  }
  return undefined;
}
