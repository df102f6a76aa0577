/** Minimal JSON-over-fetch client for /api/v1: same-origin session cookie, typed errors. */
import type { ApiError } from "../../../src/contracts/api.ts";
import { ERROR_TEXT } from "../strings.ts";

/** A failed API call: the HTTP status (0 when the server was unreachable), the server's code and message. */
export class ApiRequestError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: Record<string, string> | undefined;

  constructor(status: number, code: string, message: string, fields?: Record<string, string>) {
    super(message);
    this.name = "ApiRequestError";
    this.status = status;
    this.code = code;
    this.fields = fields;
  }
}

/** Root of the REST API, relative to the console's origin. */
export const API_BASE = "/api/v1";

/** HTTP methods the console uses. */
export type HttpMethod = "GET" | "POST" | "PATCH" | "DELETE";

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

/** Sends one request and returns the parsed JSON body (null for 204), throwing ApiRequestError on failure. */
export async function request<T>(method: HttpMethod, path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`${API_BASE}${path}`, {
      method,
      credentials: "same-origin",
      headers: body === undefined ? { accept: "application/json" } : { accept: "application/json", "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiRequestError(0, "NETWORK_ERROR", ERROR_TEXT.network);
  }
  const parsed = await readJson(response);
  if (!response.ok) {
    if (isApiError(parsed)) {
      const { code, message, fields } = parsed.error;
      throw new ApiRequestError(response.status, code, message || ERROR_TEXT.unexpected, fields);
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
