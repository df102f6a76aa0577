/** Calls a provider's HTTP API for a channel adapter: JSON or a form out, JSON back, network failures as retryable DeliveryErrors. */
import { DeliveryError } from "../modules/conversations/index.ts";

/** How long one call to a provider may take. */
const PROVIDER_TIMEOUT_MS = 15_000;

/** A provider's answer: the HTTP status, its JSON body (undefined when not JSON), and its Retry-After in ms when sent. */
export type ProviderResponse = { status: number; body: unknown; retryAfterMs?: number };

/** Gets a provider's resource (JSON back), as the credential checks do. */
export async function getJson(url: string, provider: string, headers: Record<string, string> = {}): Promise<ProviderResponse> {
  return call("GET", url, headers, undefined, provider);
}

/** Posts JSON to a provider; `provider` names it in error messages (the URL may hold a token and is never quoted). */
export async function postJson(url: string, payload: unknown, provider: string, headers: Record<string, string> = {}): Promise<ProviderResponse> {
  return post(url, { "content-type": "application/json", ...headers }, JSON.stringify(payload), provider);
}

/** Posts a form (application/x-www-form-urlencoded) to a provider, as Twilio's API takes it. */
export async function postForm(url: string, fields: Record<string, string>, provider: string, headers: Record<string, string> = {}): Promise<ProviderResponse> {
  return post(url, { "content-type": "application/x-www-form-urlencoded", ...headers }, new URLSearchParams(fields).toString(), provider);
}

/** Posts a body already serialised (a signed one, whose bytes must be the ones signed) with the given headers. */
export async function post(url: string, headers: Record<string, string>, content: string, provider: string): Promise<ProviderResponse> {
  return call("POST", url, headers, content, provider);
}

async function call(method: "GET" | "POST", url: string, headers: Record<string, string>, content: string | undefined, provider: string): Promise<ProviderResponse> {
  let res: Response;
  try {
    res = await fetch(url, { method, headers, body: content, signal: AbortSignal.timeout(PROVIDER_TIMEOUT_MS) });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const reason = cause?.code ?? cause?.message ?? (error instanceof Error ? error.name : String(error));
    throw new DeliveryError(`could not reach ${provider}: ${reason}`, { retryable: true });
  }
  const text = await res.text().catch(() => "");
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  return { status: res.status, body, retryAfterMs: retryAfterMs(res.headers.get("retry-after")) };
}

/** A provider's JSON answer as an object of the shape it documents (an empty one when the body is not a JSON object). */
export function answerOf<T>(res: ProviderResponse): Partial<T> {
  return (typeof res.body === "object" && res.body !== null ? res.body : {}) as Partial<T>;
}

/** A Retry-After header (seconds, or an HTTP date) in milliseconds from now. */
function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

/** Whether a provider's HTTP status is worth another attempt: rate limits and its own failures. */
export function retryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}
