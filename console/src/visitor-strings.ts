/** The text of the conversation sidebar's visitor card (English). */
export const VISITOR_TEXT = {
  title: "Visitor",
  page: "Page",
  browser: "Browser",
  localTime: "Local time",
  unknown: "Not reported",
  localTimeValue: (time: string, zone: string) => `${time} (${zone})`,
  seen: "Reported",
} as const;
