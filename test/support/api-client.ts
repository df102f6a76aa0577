/** HTTP calls against a test server, as a console user (session cookie) or another system (API key). */

/** A JSON response: status and parsed body. */
export type JsonResponse<T = Record<string, unknown>> = { status: number; body: T };

/** Credentials of a request: a console session cookie, or an API key's token (sent as `Authorization: Bearer`). */
export type Credentials = { cookie?: string; token?: string };

/** The headers that carry these credentials. */
export function authHeaders(credentials: Credentials): Record<string, string> {
  const headers: Record<string, string> = {};
  if (credentials.cookie) headers.cookie = credentials.cookie;
  if (credentials.token) headers.authorization = `Bearer ${credentials.token}`;
  return headers;
}

/** Calls the API with optional credentials and JSON body (a string body is sent as is, for malformed-JSON tests). */
export async function api<T = Record<string, unknown>>(
  url: string,
  method: string,
  path: string,
  options: Credentials & { body?: unknown } = {},
): Promise<JsonResponse<T>> {
  const headers = authHeaders(options);
  if (options.body !== undefined) headers["content-type"] = "application/json";
  const res = await fetch(`${url}${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : typeof options.body === "string" ? options.body : JSON.stringify(options.body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : {}) as T };
}
