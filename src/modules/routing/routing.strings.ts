/** What routing records and tells customers, per locale. */
import type { RoutingNeed } from "./routing-rules.ts";

/** Routing's sentences: reasons stored in ticket events, and the customer's notice when a queued conversation is picked up. */
export const routingStrings = {
  en: {
    joined: (agentName: string) => `${agentName} has picked up your conversation and will reply here shortly.`,
    generalRouted: (agentName: string, need: Pick<RoutingNeed, "inboxId" | "intent">) =>
      `routed to ${agentName}: no team owns inbox ${need.inboxId}${need.intent ? ` with intent ${need.intent}` : ""}, round-robin over online agents`,
    generalQueued: "queued in the general queue: no agent online",
    pickedUp: (agentName: string, teamName: string, agent: { openCount: number; capacity: number | null }) =>
      `picked up by ${agentName} from team ${teamName}'s queue: ${agent.openCount + 1} of ${agent.capacity ?? "unlimited"} open`,
  },
} as const;
