/** Minimal JSON-over-fetch client for /api/v1: same-origin session cookie, typed errors. */
import type { ApiError } from "../../../src/contracts/api.ts";
import { ERROR_TEXT } from "../strings.ts";

/** A failed API call: the HTTP status (0 when the server was unreachable), the server's code and message. */
export class ApiRequestError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: Record<string, string> | undefined;
  /** What the server added to the error, e.g. `existingId` on CUSTOMER_EXISTS or `mergedInto` on a merged record. */
  readonly details: ErrorExtras;

  constructor(status: number, code: string, message: string, fields?: Record<string, string>, details?: ErrorExtras) {
    super(message);
    this.name = "ApiRequestError";
    this.status = status;
    this.code = code;
    this.fields = fields;
    this.details = details ?? {};
  }
}

/** What an error may carry beside its code: `existingId`, `mergedInto`, and REPLY_CONFLICT's colleague (`latestReplyBy`). */
export type ErrorExtras = { existingId?: string; mergedInto?: string; latestReplyBy?: string };

/** Root of the REST API, relative to the console's origin. */
export const API_BASE = "/api/v1";

/** HTTP methods the console uses. */
export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

function isApiError(body: unknown): body is ApiError {
  if (typeof body !== "object" || body === null || !("error" in body)) return false;
  const error = (body as { error: unknown }).error;
  return typeof error === "object" && error !== null && "code" in error;
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text.length === 0) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/** Whether an error is the abort of a request the console itself cancelled (a stale search, a page left). */
export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === "AbortError";
}

function errorDetails(error: object): ErrorExtras {
  const record = error as Record<string, unknown>;
  const nested = typeof record.details === "object" && record.details !== null ? (record.details as Record<string, unknown>) : {};
  const pick = (key: string): string | undefined => {
    const value = nested[key] ?? record[key];
    return typeof value === "string" ? value : undefined;
  };
  const latest = record.latestReply as { by?: unknown } | undefined;
  const latestReplyBy = latest && typeof latest.by === "string" ? latest.by : undefined;
  return { existingId: pick("existingId"), mergedInto: pick("mergedInto"), latestReplyBy };
}

/** Sends one request and returns the parsed JSON body (null for 204), throwing ApiRequestError on failure. */
export async function request<T>(method: HttpMethod, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const json = body !== undefined && !(body instanceof FormData);
  let response: Response;
  try {
    response = await fetch(`${API_BASE}${path}`, {
      method,
      credentials: "same-origin",
      // A FormData body sets its own multipart content type, boundary included.
      headers: json ? { accept: "application/json", "content-type": "application/json" } : { accept: "application/json" },
      body: body === undefined ? undefined : body instanceof FormData ? body : JSON.stringify(body),
      signal,
    });
  } catch (error) {
    if (isAbort(error)) throw error;
    throw new ApiRequestError(0, "NETWORK_ERROR", ERROR_TEXT.network);
  }
  const parsed = await readJson(response);
  if (!response.ok) {
    if (isApiError(parsed)) {
      const { code, message, fields } = parsed.error;
      throw new ApiRequestError(response.status, code, message || ERROR_TEXT.unexpected, fields, errorDetails(parsed.error));
    }
    throw new ApiRequestError(response.status, `HTTP_${response.status}`, ERROR_TEXT.unexpected);
  }
  return parsed as T;
}

/** Builds a query string from defined values ("?a=1&b=x"), or "" when none. */
export function query(params: Record<string, string | number | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== "") search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}
