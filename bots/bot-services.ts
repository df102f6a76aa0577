/** The port through which the bot reaches Switchboard's modules; the container builds it, tests may too (with the real modules). */
import type { Annotation } from "../src/contracts/nlp.ts";
import type { HandoffReason } from "../src/modules/routing/index.ts";

/** What the order-status dialog remembers: the order awaiting proof of ownership, wrong emails given, customers whose orders were proven. */
export type OrderDialogState = { pending?: string; wrongEmails?: number; provenOwners?: string[] };

/** What the bot remembers between turns of one conversation. */
export type BotMemory = { awaiting?: "order_number" | "order_email" | null; failedTurns?: number; order?: OrderDialogState };

/** The stored customer message a turn is about, with what the bot needs of its conversation. */
export type BotTurn = {
  messageId: string;
  text: string;
  annotation: Annotation | null;
  conversationId: string;
  /** The conversation's customer: the CRM record itself only for a verified user (or a channel that identifies its users). */
  customerId: string;
  conversationStatus: "bot" | "handoff" | "resolved";
  botState: BotMemory;
};

/** An order as the bot describes it. */
export type BotOrder = {
  number: string;
  status: "processing" | "shipped" | "delivered" | "cancelled";
  carrier: string | null;
  trackingNumber: string | null;
  estimatedDelivery: string | null;
  itemNames: string[];
  /** The customer the order belongs to. */
  customerId: string | null;
};

/** What the bot may do. */
export type BotServices = {
  /** Returns the stored message of this turn: looked up by id (widget turns) or committed now (other channels). */
  resolveTurn(activity: {
    id?: string;
    text?: string;
    channelId: string;
    conversationId: string;
    fromId: string;
    fromName?: string;
    /** Where the channel takes replies (a Bot Framework activity's serviceUrl) and the bot's account there: kept so an agent can answer later. */
    serviceUrl?: string;
    botId?: string;
    botName?: string;
    storedMessageId?: string;
    /** The turn, already read by the caller (the widget's answer runner), so it is not read twice. */
    preparedTurn?: BotTurn;
  }): Promise<BotTurn | undefined>;
  articleFor(intent: string): Promise<{ id: string; title: string; body: string } | undefined>;
  orderByNumber(number: string): Promise<BotOrder | undefined>;
  /** Checks an email a customer gave against the order's customer (wrong answers are counted per order). */
  checkOrderOwnership(number: string, email: string): Promise<"match" | "mismatch" | "locked">;
  saveState(conversationId: string, state: BotTurn["botState"]): Promise<void>;
  handOff(conversationId: string, reason: HandoffReason, triggerMessageId: string): Promise<void>;
  storeReply(conversationId: string, text: string, key: string): Promise<void>;
};
