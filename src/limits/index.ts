/** Rate limits and brute-force protection (rate-limiter-flexible lives in this folder only). */
export { createRateLimits, type ApiPrincipal, type RateLimits } from "./rate-limits.ts";
export type { LoginAttempt, LoginGuard } from "./login-guard.ts";
export { ipKey } from "./keys.ts";
