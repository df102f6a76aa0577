/** What the customer is asked and told about the satisfaction survey (CSAT), per locale. */
export const csatStrings = {
  en: {
    /** Sent as a message on every channel but the widget (which shows its own rating prompt). */
    question: "How did we do? Reply with a number from 1 (bad) to 5 (great).",
    /** Sent after a channel reply was recorded as the rating. */
    thanks: "Thank you for your rating!",
  },
} as const;
