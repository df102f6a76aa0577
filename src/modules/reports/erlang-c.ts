/**
 * Erlang C, the queueing model behind contact-centre staffing (M/M/N: Poisson arrivals, exponential handle times, N
 * agents, callers wait): the probability that a contact waits, the share answered within a time, and the fewest agents
 * that meet a service-level target. Computed through the Erlang B recursion, which stays finite where A^N / N! overflows.
 */

/** Erlang B's blocking probability for `agents` servers offered `traffic` erlangs (B(0) = 1, B(n) = A·B(n−1) / (n + A·B(n−1))). */
function erlangB(agents: number, traffic: number): number {
  let b = 1;
  for (let n = 1; n <= agents; n++) b = (traffic * b) / (n + traffic * b);
  return b;
}

/** Probability that a contact has to wait (Erlang C) with `agents` agents and `traffic` erlangs; 1 when the agents cannot keep up (N ≤ A). */
export function erlangC(agents: number, traffic: number): number {
  if (traffic <= 0) return 0;
  if (agents <= traffic) return 1;
  const b = erlangB(agents, traffic);
  return (agents * b) / (agents - traffic * (1 - b));
}

/** Share of contacts answered within `withinSeconds`: 1 − C(N, A) · e^(−(N − A) · t / AHT). */
export function serviceLevel(agents: number, traffic: number, handleTimeSeconds: number, withinSeconds: number): number {
  if (traffic <= 0) return 1;
  if (agents <= traffic) return 0;
  return 1 - erlangC(agents, traffic) * Math.exp((-(agents - traffic) * withinSeconds) / handleTimeSeconds);
}

/** A service-level target: `share` of contacts answered within `withinSeconds` (e.g. 80 % within 60 s). */
export type ServiceLevelTarget = { share: number; withinSeconds: number };

/** The fewest agents whose service level meets the target for `arrivalsPerHour` contacts of `handleTimeSeconds` each (0 when none arrive), and the level they reach. */
export function agentsNeeded(arrivalsPerHour: number, handleTimeSeconds: number, target: ServiceLevelTarget): { agents: number; trafficErlangs: number; serviceLevel: number } {
  const traffic = (arrivalsPerHour * handleTimeSeconds) / 3600;
  if (traffic <= 0) return { agents: 0, trafficErlangs: 0, serviceLevel: 1 };
  let agents = Math.floor(traffic) + 1;
  let level = serviceLevel(agents, traffic, handleTimeSeconds, target.withinSeconds);
  while (level < target.share) {
    agents++;
    level = serviceLevel(agents, traffic, handleTimeSeconds, target.withinSeconds);
  }
  return { agents, trafficErlangs: traffic, serviceLevel: level };
}
