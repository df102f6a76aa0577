/** The client address of a socket.io handshake, believing X-Forwarded-For as express does with "trust proxy: loopback". */
import type { IncomingHttpHeaders } from "node:http";

function isLoopback(address: string): boolean {
  return address === "::1" || /^(::ffff:)?127\./i.test(address);
}

/** The peer's address, or, while the peer is a proxy on this machine, the address that proxy says it forwarded for. */
export function clientAddress(handshake: { address: string; headers: IncomingHttpHeaders }): string {
  const header = handshake.headers["x-forwarded-for"];
  const hops = (Array.isArray(header) ? header.join(",") : (header ?? "")).split(",").map((hop) => hop.trim()).filter(Boolean);
  let address = handshake.address;
  while (isLoopback(address) && hops.length > 0) address = hops.pop() as string;
  return address;
}
