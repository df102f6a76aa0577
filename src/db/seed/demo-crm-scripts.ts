/** Past conversations and agents' notes for the demo CRM: what the customers' timelines show on first start. */

/** One turn of a scripted conversation; customer turns carry what the NLP would have read in them. `{order}` is the customer's latest order number. */
export type ScriptLine =
  | { from: "customer"; text: string; sentiment: number; intent: string; phrases: string[] }
  | { from: "bot" | "agent"; text: string };

/**
 * A scripted past conversation; with `handoff`, an agent took it over through a ticket, since resolved. As on a live
 * server, the bot answers every customer message exactly once, right after it (agents write only after the hand-off
 * answer): the crash test and the kills/soak benchmarks check exactly that over every stored message.
 */
export type ConversationScript = { subject: string; needsOrder: boolean; handoff?: "customer_request" | "negative_sentiment"; lines: ScriptLine[] };

/** The scripts the demo's past conversations follow. */
export const CONVERSATION_SCRIPTS: readonly ConversationScript[] = [
  {
    subject: "Where is my order?",
    needsOrder: true,
    lines: [
      { from: "customer", text: "Hi, where is my order {order}? It should have arrived by now.", sentiment: -1, intent: "track_order", phrases: ["order"] },
      { from: "bot", text: "Order {order} is on its way with the carrier and should arrive within two business days." },
      { from: "customer", text: "Great, thanks for checking!", sentiment: 3, intent: "thanks", phrases: [] },
      { from: "bot", text: "You're welcome! Anything else I can help with?" },
    ],
  },
  {
    subject: "Refund for a broken zipper",
    needsOrder: true,
    handoff: "negative_sentiment",
    lines: [
      { from: "customer", text: "The zipper on the backpack from {order} broke after two days. Really disappointing.", sentiment: -4, intent: "get_refund", phrases: ["zipper", "backpack"] },
      { from: "bot", text: "I'm sorry to hear that. I'm bringing in a colleague who can sort out the refund." },
      { from: "agent", text: "Hi, I've started a return for {order}; the prepaid label is in your inbox and the refund follows once it reaches us." },
    ],
  },
  {
    subject: "Payment methods",
    needsOrder: false,
    lines: [
      { from: "customer", text: "Do you accept PayPal or Apple Pay?", sentiment: 0, intent: "check_payment_methods", phrases: ["paypal", "apple pay"] },
      { from: "bot", text: "We accept Visa, Mastercard, American Express, PayPal, Apple Pay and Google Pay." },
    ],
  },
  {
    subject: "Charged twice",
    needsOrder: true,
    handoff: "customer_request",
    lines: [
      { from: "customer", text: "My card was charged twice for {order}. Can I talk to a person please?", sentiment: -2, intent: "contact_human_agent", phrases: ["card", "person"] },
      { from: "bot", text: "Of course, I'm connecting you with an agent now." },
      { from: "agent", text: "Thanks for waiting. I can see the duplicate charge and have refunded it; it shows on your statement in 3–5 days." },
    ],
  },
  {
    subject: "Delivery to a locker",
    needsOrder: false,
    lines: [
      { from: "customer", text: "Can I get my parcel delivered to a pickup locker?", sentiment: 0, intent: "delivery_options", phrases: ["parcel", "pickup locker"] },
      { from: "bot", text: "Yes: choose a partner locker at checkout. Standard delivery takes 3–5 business days." },
      { from: "customer", text: "nice, thank you", sentiment: 3, intent: "thanks", phrases: [] },
      { from: "bot", text: "You're welcome! Happy camping." },
    ],
  },
  {
    subject: "Bulk order for a team",
    needsOrder: false,
    handoff: "customer_request",
    lines: [
      { from: "customer", text: "We need 30 tents for our scouts camp in June. Do you offer wholesale prices?", sentiment: 1, intent: "contact_customer_service", phrases: ["tents", "scouts camp", "wholesale prices"] },
      { from: "bot", text: "Let me bring in our sales team for that." },
      { from: "agent", text: "Hi! For 30 tents we can do 15% off and delivery in two weeks. I'll email you a quote today." },
    ],
  },
];

/** What the demo agents wrote on customers' records. */
export const NOTE_TEXTS: readonly string[] = [
  "Prefers email over phone; replies within a day.",
  "Asked about a volume discount for next season; follow up in March.",
  "Had a bad experience with a late delivery in the spring. Be extra careful with shipping estimates.",
  "Long-time customer, very friendly. Mentioned they run a hiking club.",
  "Requested invoices to go to their accounts team, not to them personally.",
  "Interested in the beta of the rental programme.",
  "Called about the warranty on the stove; sent the warranty terms by email.",
  "Renewal coming up: check whether they want to move to the enterprise plan.",
  "Do not call before 10 am (time zone difference).",
  "Complained twice about packaging waste; suggested the eco shipping option.",
  "Decision maker for their company's purchases.",
  "Returned two items this year, both for size. Suggest the size guide.",
];
