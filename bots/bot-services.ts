/** The port through which the bot reaches Switchboard's modules; the container builds it, tests may too (with the real modules). */
import type { Annotation } from "../src/contracts/nlp.ts";
import type { HandoffReason } from "../src/modules/routing/index.ts";

/** The stored customer message a turn is about, with what the bot needs of its conversation. */
export type BotTurn = {
  messageId: string;
  text: string;
  annotation: Annotation | null;
  conversationId: string;
  conversationStatus: "bot" | "handoff" | "resolved";
  botState: { awaiting?: "order_number" | null; failedTurns?: number };
};

/** An order as the bot describes it. */
export type BotOrder = {
  number: string;
  status: "processing" | "shipped" | "delivered" | "cancelled";
  carrier: string | null;
  trackingNumber: string | null;
  estimatedDelivery: string | null;
  itemNames: string[];
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
    storedMessageId?: string;
    /** The turn, already read by the caller (the widget's answer job), so it is not read twice. */
    preparedTurn?: BotTurn;
  }): Promise<BotTurn | undefined>;
  articleFor(intent: string): Promise<{ title: string; body: string } | undefined>;
  orderByNumber(number: string): Promise<BotOrder | undefined>;
  saveState(conversationId: string, state: BotTurn["botState"]): Promise<void>;
  handOff(conversationId: string, reason: HandoffReason, triggerMessageId: string): Promise<void>;
  storeReply(conversationId: string, text: string, key: string): Promise<void>;
};
