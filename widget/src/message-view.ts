/** Renders the message list into the log, keyed by message so updates touch only what changed. */
import type { ChatItem } from "./message-list.ts";
import { el } from "./dom.ts";
import type { WidgetStrings } from "./strings.ts";

type RowRecord = { node: HTMLDivElement; item: ChatItem; first: boolean };

/** Keeps one row element per message and reconciles them with the current list. */
export class MessageView {
  private rows = new Map<string, RowRecord>();
  private container: HTMLElement;
  private strings: WidgetStrings;
  private onRetry: (clientMsgId: string) => void;

  constructor(container: HTMLElement, strings: WidgetStrings, onRetry: (clientMsgId: string) => void) {
    this.container = container;
    this.strings = strings;
    this.onRetry = onRetry;
  }

  /** Brings the rows in line with the list, creating, updating, moving and removing as needed. */
  render(items: readonly ChatItem[]): void {
    const keep = new Set<string>();
    let previous: ChatItem | undefined;
    items.forEach((item, index) => {
      keep.add(item.key);
      const first = !previous || !sameSender(previous, item);
      previous = item;
      let record = this.rows.get(item.key);
      if (!record) {
        record = { node: el("div"), item, first };
        this.fill(record.node, item, first);
        this.rows.set(item.key, record);
      } else if (record.item !== item || record.first !== first) {
        record.item = item;
        record.first = first;
        this.fill(record.node, item, first);
      }
      const at = this.container.children[index];
      if (at !== record.node) this.container.insertBefore(record.node, at ?? null);
    });
    for (const [key, record] of this.rows) {
      if (keep.has(key)) continue;
      record.node.remove();
      this.rows.delete(key);
    }
  }

  private fill(row: HTMLDivElement, item: ChatItem, first: boolean): void {
    const mine = item.sender.type === "customer";
    row.className = ["row", mine ? "mine" : "theirs", item.sender.type, item.status, first ? "first" : ""].join(" ").trim();
    row.replaceChildren();
    if (!mine && first) row.append(el("div", "name", {}, this.senderName(item)));
    const bubble = el("div", "bubble", {}, item.text);
    const when = new Date(item.createdAt);
    if (!Number.isNaN(when.getTime())) bubble.title = when.toLocaleString();
    row.append(bubble);
    const meta = el("div", "meta");
    if (item.status === "pending") meta.textContent = this.strings.sending;
    if (item.status === "failed") {
      meta.textContent = item.error ?? this.strings.notDelivered;
      meta.setAttribute("role", "alert");
      if (item.retryable && item.clientMsgId) {
        const retry = el("button", "retry", { type: "button" }, this.strings.retry);
        const id = item.clientMsgId;
        retry.addEventListener("click", () => this.onRetry(id));
        meta.append(retry);
      }
    }
    row.append(meta);
  }

  private senderName(item: ChatItem): string {
    const { type, name } = item.sender;
    if (name) return name;
    return type === "customer" ? this.strings.you : this.strings.senderNames[type];
  }
}

function sameSender(a: ChatItem, b: ChatItem): boolean {
  return a.sender.type === b.sender.type && a.sender.name === b.sender.name;
}
