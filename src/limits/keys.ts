/** Limiter keys for people and addresses: no email or token is stored in Redis as such, and an IPv6 client counts by its /64. */
import { createHash } from "node:crypto";
import { isIPv6 } from "node:net";

/** A short, stable digest of a secret or personal value (an email, a session token) to key a limiter with. */
export function digestKey(value: string): string {
  return createHash("sha256").update(value).digest("base64url").slice(0, 22);
}

/** The key of a client address: IPv4 as is (also when IPv4-mapped), IPv6 by its /64 network, which one subscriber usually holds whole. */
export function ipKey(address: string | undefined): string {
  if (!address) return "unknown";
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1];
  if (!isIPv6(address)) return address;
  return `${expandIPv6(address).slice(0, 4).join(":")}::/64`;
}

function expandIPv6(address: string): string[] {
  const [head, tail = ""] = address.split("%")[0].split("::");
  const left = head ? head.split(":") : [];
  const right = address.includes("::") && tail ? tail.split(":") : [];
  const zeros = Array<string>(Math.max(0, 8 - left.length - right.length)).fill("0");
  return [...left, ...(address.includes("::") ? zeros : []), ...right].map((group) => group.toLowerCase().replace(/^0+(?=.)/, ""));
}
