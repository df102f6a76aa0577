/** A console user's HTTP calls against a test server. */

/** A JSON response: status and parsed body. */
export type JsonResponse<T = Record<string, unknown>> = { status: number; body: T };

/** Calls the API with an optional session cookie and JSON body (a string body is sent as is, for malformed-JSON tests). */
export async function api<T = Record<string, unknown>>(
  url: string,
  method: string,
  path: string,
  options: { cookie?: string; body?: unknown } = {},
): Promise<JsonResponse<T>> {
  const headers: Record<string, string> = {};
  if (options.cookie) headers.cookie = options.cookie;
  if (options.body !== undefined) headers["content-type"] = "application/json";
  const res = await fetch(`${url}${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : typeof options.body === "string" ? options.body : JSON.stringify(options.body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : {}) as T };
}
