/** What the customer is told when a conversation is handed to humans, per locale. */
export const handoffStrings = {
  en: {
    assigned: (agentName: string) => `I've passed your conversation to ${agentName}, who will reply here shortly.`,
    queued: "I've passed your conversation to our support team. An agent will reply here as soon as one is available.",
    resolved: "This conversation is now closed. If you need anything else, just write here and we'll pick it up.",
  },
} as const;
