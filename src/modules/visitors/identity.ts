/** Verifies the signed identity a website passes to the widget: Chatwoot's HMAC of the user id, or Intercom's HS256 JWT. */
import { createHmac, timingSafeEqual } from "node:crypto";
import { errors as joseErrors, jwtVerify } from "jose";
import { z } from "zod";
import { AppError } from "../../errors.ts";

/** What the embedding page may pass besides the visitor id. */
export type SignedIdentity = { identifier?: string; identifierHash?: string; userJwt?: string };

/** A user the website vouched for: its own user id, and from a JWT optionally an email and a name. */
export type VerifiedIdentity = { userId: string; email?: string; name?: string; method: "hmac" | "jwt" };

/** Seconds of clock difference tolerated between the website's server and ours when checking `exp`. */
const CLOCK_TOLERANCE_S = 30;

const claimsSchema = z.object({
  sub: z.string().min(1).max(256),
  email: z.email().max(320).optional(),
  name: z.string().trim().min(1).max(200).optional(),
});

const invalid = (why: string): AppError => new AppError("IDENTITY_INVALID", `The signed identity is invalid for this inbox: ${why}.`);

/** HMAC-SHA256 of the identifier with the inbox secret, hex: what the website's server computes (exported for tests and docs). */
export function identifierHashOf(identifier: string, secret: string): string {
  return createHmac("sha256", secret).update(identifier, "utf8").digest("hex");
}

function verifyHmac(identifier: string, hash: string, secret: string): VerifiedIdentity {
  const expected = Buffer.from(identifierHashOf(identifier, secret), "hex");
  const given = /^[0-9a-f]{64}$/i.test(hash) ? Buffer.from(hash, "hex") : undefined;
  if (!given || !timingSafeEqual(expected, given)) throw invalid("identifierHash does not match identifier");
  return { userId: identifier, method: "hmac" };
}

async function verifyJwt(token: string, secret: string): Promise<VerifiedIdentity> {
  try {
    const { payload } = await jwtVerify(token, new TextEncoder().encode(secret), {
      algorithms: ["HS256"],
      requiredClaims: ["sub", "exp"],
      clockTolerance: CLOCK_TOLERANCE_S,
    });
    const claims = claimsSchema.safeParse(payload);
    if (!claims.success) throw invalid(`claim ${claims.error.issues[0]?.path.join(".") || "?"} is malformed`);
    return { userId: claims.data.sub, email: claims.data.email?.toLowerCase(), name: claims.data.name, method: "jwt" };
  } catch (error) {
    if (error instanceof AppError) throw error;
    if (error instanceof joseErrors.JWTExpired) throw new AppError("IDENTITY_EXPIRED", "The signed identity (userJwt) has expired.");
    if (error instanceof joseErrors.JWTClaimValidationFailed) throw invalid(`userJwt ${error.message}`);
    throw invalid("userJwt is not an HS256 JWT signed with this inbox's secret");
  }
}

/** Checks a signed identity against the inbox's secret; undefined when none was given. Fails with IDENTITY_INVALID or IDENTITY_EXPIRED. */
export async function verifyIdentity(identity: SignedIdentity, secret: string): Promise<VerifiedIdentity | undefined> {
  if (identity.userJwt !== undefined) return verifyJwt(identity.userJwt, secret);
  if (identity.identifier !== undefined && identity.identifierHash !== undefined) return verifyHmac(identity.identifier, identity.identifierHash, secret);
  return undefined;
}
