/** Brute-force protection for console login: attempts per client IP, and per account an exponential lockout after consecutive failures. */
import type { RateLimitSettings } from "../config.ts";
import { digestKey, ipKey } from "./keys.ts";
import { unlimited, type LimiterFactory } from "./limiter.ts";

/** An attempt that passed the limits; the caller reports a success so the account's count starts over. */
export type LoginAttempt = { succeeded(): Promise<void> };

/** Guards POST /auth/login: begin() before checking the password throws RATE_LIMITED when the IP or the account is over its limit. */
export type LoginGuard = { begin(ip: string | undefined, email: string): Promise<LoginAttempt> };

// Consecutive failures and lockouts are remembered this long after the first of them (unless a login succeeds).
const MEMORY_SEC = 24 * 3600;

/** Creates the guard; the account key is the normalised email whether or not such a user exists, so both answer alike. */
export function createLoginGuard(factory: LimiterFactory, settings: RateLimitSettings): LoginGuard {
  const perIp = settings.loginPerIp ? factory.limiter("login-ip", settings.loginPerIp) : unlimited;
  const attempts = factory.limiter("login-account", { points: settings.loginLockoutAfter, durationSec: MEMORY_SEC });
  const lockouts = factory.limiter("login-lockouts", { points: 1_000_000, durationSec: MEMORY_SEC });
  return {
    async begin(ip, email) {
      await perIp.consume(ipKey(ip));
      const account = digestKey(email.trim().toLowerCase());
      // Counted before the password is checked, atomically in Redis, so parallel guesses cannot slip past the limit.
      const used = await attempts.consume(account);
      if (used >= settings.loginLockoutAfter) {
        // The last attempt of the allowance: lock now (a success lifts it), 1, 2, 4 … times the base, up to the maximum.
        const lockout = await lockouts.consume(account);
        const seconds = Math.min(settings.loginLockoutSec * 2 ** Math.max(0, lockout - 1), settings.loginLockoutMaxSec);
        await attempts.block(account, seconds);
      }
      return {
        async succeeded() {
          await Promise.all([attempts.reset(account), lockouts.reset(account)]);
        },
      };
    },
  };
}
