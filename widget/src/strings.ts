/** User-facing texts of the widget, one table per locale. */

/** Every text the widget shows, by purpose. */
export type WidgetStrings = {
  title: string;
  subtitle: string;
  openChat: string;
  closeChat: string;
  messageLabel: string;
  placeholder: string;
  send: string;
  sending: string;
  retry: string;
  notDelivered: string;
  tooLong: (max: number) => string;
  counter: (length: number, max: number) => string;
  connecting: string;
  reconnecting: string;
  inboxNotFound: string;
  identityRefused: string;
  refused: (reason: string) => string;
  isTyping: (name: string) => string;
  you: string;
  senderNames: { bot: string; agent: string; system: string };
  empty: string;
  unread: (count: number) => string;
  poweredBy: string;
  /** The satisfaction survey shown when a conversation is resolved. */
  csatQuestion: string;
  csatScore: (score: number) => string;
  csatLow: string;
  csatHigh: string;
  csatComment: string;
  csatSubmit: string;
  csatSending: string;
  csatThanks: string;
  csatFailed: string;
};

/** English texts. */
export const en: WidgetStrings = {
  title: "Chat with us",
  subtitle: "We usually reply in a few minutes",
  openChat: "Open chat",
  closeChat: "Close chat",
  messageLabel: "Message",
  placeholder: "Write a message…",
  send: "Send",
  sending: "sending…",
  retry: "Retry",
  notDelivered: "Not delivered.",
  tooLong: (max) => `Messages can be at most ${max} characters.`,
  counter: (length, max) => `${length} / ${max}`,
  connecting: "Connecting…",
  reconnecting: "Reconnecting…",
  inboxNotFound: "This chat is not available. Please check the widget's inbox id.",
  identityRefused: "We couldn't confirm that you are signed in. Please reload the page or sign in again.",
  refused: (reason) => `The chat could not connect: ${reason}`,
  isTyping: (name) => `${name} is typing…`,
  you: "You",
  senderNames: { bot: "Bot", agent: "Support", system: "System" },
  empty: "Hi! Ask us anything, we're here to help.",
  unread: (count) => `${count} unread`,
  poweredBy: "Powered by Switchboard",
  csatQuestion: "How did we do?",
  csatScore: (score) => `${score} out of 5${score === 1 ? ", bad" : score === 5 ? ", great" : ""}`,
  csatLow: "Bad",
  csatHigh: "Great",
  csatComment: "Add a comment (optional)",
  csatSubmit: "Send rating",
  csatSending: "Sending…",
  csatThanks: "Thank you for your feedback!",
  csatFailed: "Your rating could not be sent. Please try again.",
};

