/** A seeded generator of hostile inputs for the fuzz test: the same seed gives the same payloads, so a failure replays. */

/** A deterministic pseudo-random source (mulberry32 over a 32-bit seed). */
export type Rng = {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, n). */
  int(n: number): number;
  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T;
  /** True with probability p. */
  chance(p: number): boolean;
};

/** A seeded Rng. */
export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number): number => Math.floor(next() * n);
  return { next, int, pick: (items) => items[int(items.length)], chance: (p) => next() < p };
}

/** Strings that have broken servers: NUL, unpaired surrogates, escapes, paths, ids that are not ids, prototype keys. */
export const HOSTILE_STRINGS: readonly string[] = [
  "",
  " ",
  "\u0000",
  "abc\u0000def",
  "\ud800",
  "x\udc00y",
  "\udbff\u0000",
  "😀",
  "\u202eevil",
  "\ufeffbom",
  "a\r\nb",
  "%ZZ",
  "%00",
  "../../../etc/passwd",
  "..\\..\\windows",
  "' OR 1=1 --",
  "<script>alert(1)</script>",
  "not-a-uuid",
  "00000000-0000-0000-0000-000000000000",
  "ffffffff-ffff-ffff-ffff-ffffffffffff",
  "1e400",
  "-1",
  "NaN",
  "9999999999999999999999",
  "2026-02-30",
  "0000-00-00T25:61:61Z",
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "null",
  "true",
  "[]",
  "{}",
];

const NUMBERS: readonly number[] = [0, -1, 1, 1.5, -0, 2 ** 31, 2 ** 53 + 2, 1e308, -1e308, Number.MAX_SAFE_INTEGER];

/** A hostile string: one of the list, a random mix of them, or a huge one. */
export function hostileString(rng: Rng): string {
  const roll = rng.int(10);
  if (roll === 0) return "x".repeat(rng.pick([101, 501, 4001, 20_000])) + rng.pick(["", "\u0000", "\ud800"]);
  if (roll === 1) return Array.from({ length: 1 + rng.int(4) }, () => rng.pick(HOSTILE_STRINGS)).join("");
  if (roll === 2) return String.fromCharCode(...Array.from({ length: 1 + rng.int(12) }, () => rng.int(0x10000)));
  return rng.pick(HOSTILE_STRINGS);
}

/** A deeply nested array or object (depth up to a few thousand). */
export function deepValue(rng: Rng): unknown {
  const depth = rng.pick([50, 500, 3000]);
  let value: unknown = rng.pick(HOSTILE_STRINGS);
  for (let i = 0; i < depth; i++) value = rng.chance(0.5) ? [value] : { a: value };
  return value;
}

/** An object whose own keys are `__proto__`, `constructor` or `prototype` (as JSON.parse would create them). */
export function prototypeKeys(rng: Rng, base: Record<string, unknown> = {}): Record<string, unknown> {
  const polluted: Record<string, unknown> = { ...base };
  const key = rng.pick(["__proto__", "constructor", "prototype"]);
  Object.defineProperty(polluted, key, { value: { polluted: "yes", prototype: { polluted: "yes" } }, enumerable: true, configurable: true, writable: true });
  return polluted;
}

/** Any hostile JSON value: wrong types, hostile strings, arrays, deep nesting, prototype keys. */
export function hostileValue(rng: Rng, depth = 0): unknown {
  switch (rng.int(depth > 1 ? 7 : 10)) {
    case 0:
      return null;
    case 1:
      return rng.chance(0.5);
    case 2:
      return rng.pick(NUMBERS);
    case 3:
    case 4:
    case 5:
    case 6:
      return hostileString(rng);
    case 7:
      return Array.from({ length: rng.int(4) }, () => hostileValue(rng, depth + 1));
    case 8:
      return rng.chance(0.3) ? deepValue(rng) : prototypeKeys(rng, { a: hostileValue(rng, depth + 1) });
    default:
      return undefined;
  }
}

/**
 * A payload derived from a valid one: a field replaced by a hostile value, a field dropped, prototype keys added,
 * the whole payload replaced by something else, or (rarely) left valid so the happy path stays in the mix.
 */
export function mutatePayload(rng: Rng, valid: Record<string, unknown>): unknown {
  const keys = Object.keys(valid);
  const roll = rng.int(10);
  if (roll === 0) return hostileValue(rng);
  if (roll === 1) return [valid];
  if (roll === 2) return prototypeKeys(rng, valid);
  if (roll === 3 && keys.length > 0) {
    const copy = { ...valid };
    delete copy[rng.pick(keys)];
    return copy;
  }
  if (roll === 4) return valid;
  const copy: Record<string, unknown> = { ...valid };
  const changes = 1 + rng.int(Math.max(1, keys.length));
  for (let i = 0; i < changes && keys.length > 0; i++) copy[rng.pick(keys)] = hostileValue(rng);
  return copy;
}

/** Percent-encodes any string, unpaired surrogates included (as the bytes a lax encoder would send). */
export function encodeAny(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return Array.from(text, (ch) => (ch.length === 1 && ch >= "\ud800" && ch <= "\udfff" ? "%ED%A0%80" : encodeURIComponent(ch))).join("");
  }
}

/** Query strings from valid parameters: hostile values, parameters given twice, unknown parameters, bad %-escapes. */
export function hostileQuery(rng: Rng, valid: Record<string, string>): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(valid)) {
    const roll = rng.int(6);
    if (roll === 0) continue;
    if (roll === 1) parts.push(`${key}=${encodeURIComponent(value)}`);
    else if (roll === 2) parts.push(`${key}=${encodeURIComponent(value)}`, `${key}=${encodeAny(hostileString(rng))}`);
    else if (roll === 3) parts.push(`${key}=${rng.pick(["%ZZ", "%", "%E0%A4%A", "%00", "%ED%A0%80"])}`);
    else if (roll === 4) parts.push(`${key}[]=${encodeURIComponent(value)}`, `${key}[__proto__]=x`);
    else parts.push(`${key}=${encodeAny(hostileString(rng))}`);
  }
  if (rng.chance(0.2)) parts.push(`${rng.pick(["__proto__", "constructor", "x"])}=${encodeAny(hostileString(rng))}`);
  return parts.length ? `?${parts.join("&")}` : "";
}

/** A request body as sent on the wire: JSON of a payload, or malformed JSON now and then. */
export function hostileBody(rng: Rng, payload: unknown): string {
  const json = JSON.stringify(payload) ?? "";
  switch (rng.int(12)) {
    case 0:
      return json.slice(0, Math.max(0, json.length - 1 - rng.int(5)));
    case 1:
      return rng.pick(["{", "}", "[", "nul", "{'a':1}", '{"a":}', '{"a":1,}', "\u0000", "\ufeff{}", '"string"', "123", "true", "null", '{"a":1e999}', '{"__proto__":{"polluted":"yes"}}']);
    case 2:
      return `${"[".repeat(20_000)}${"]".repeat(20_000)}`;
    default:
      return json;
  }
}

/** Request headers for a JSON body: usually right, sometimes an odd content type, charset or Content-Encoding. */
export function hostileHeaders(rng: Rng): Record<string, string> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  const roll = rng.int(10);
  if (roll === 0) headers["content-type"] = rng.pick(["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json; charset=utf-16", "application/json; charset=klingon", "*/*"]);
  if (roll === 1) headers["content-encoding"] = rng.pick(["gzip", "deflate", "br", "bogus", "gzip, gzip", "identity, bogus"]);
  if (roll === 2) delete headers["content-type"];
  if (roll === 3) headers.accept = rng.pick(["text/html", "application/xml", "*/*;q=0"]);
  return headers;
}
