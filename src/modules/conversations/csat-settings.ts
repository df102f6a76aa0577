/** The CSAT survey's settings (CSAT, CSAT_REPLY_HOURS), with their defaults when a container gave none. */
import type { ServiceDeps } from "../deps.ts";

/** Survey on (CSAT=on, the default) and how long after asking a channel reply still counts as the rating (24 h). */
export type CsatSettings = { enabled: boolean; replyWindowMs: number };

/** The default settings: on, a 24-hour reply window. */
export const DEFAULT_CSAT_SETTINGS: CsatSettings = { enabled: true, replyWindowMs: 24 * 3_600_000 };

/** The settings in force for these deps. */
export function csatSettings(deps: Pick<ServiceDeps, "csat">): CsatSettings {
  return deps.csat ?? DEFAULT_CSAT_SETTINGS;
}
