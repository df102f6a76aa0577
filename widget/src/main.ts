/** Entry of the embeddable widget: finds its script tag, mounts the shadow-DOM UI and connects to the server. */
import { Chat } from "./chat.ts";
import { findOwnScript, readConfig, type SwitchboardSettings, type WidgetConfig } from "./config.ts";
import { connect } from "./connection.ts";
import { fetchLook, visitorDetails } from "./look.ts";
import { browserStore, loadPending, randomId, readVisitorId, storeVisitorId, visitorIdToSend } from "./storage.ts";
import { en } from "./strings.ts";
import { TypingNotifier } from "./typing-notifier.ts";
import { mountView } from "./view.ts";

/** The page-level handle exposed as window.SwitchboardWidget for the embedding site (and tests). */
export type WidgetHandle = { open(): void; close(): void; dropConnection(): void };

const page = window as Window & { SwitchboardWidget?: WidgetHandle; SwitchboardSettings?: SwitchboardSettings };

function boot(config: WidgetConfig): WidgetHandle {
  const store = browserStore();
  // A custom element name keeps page selectors such as "div { … }" from matching the host.
  const host = document.createElement("switchboard-widget");
  host.setAttribute("style", "all: initial");
  const shadow = host.attachShadow({ mode: "open" });
  document.body.append(host);

  // The socket's look is the freshest: a slower page-load fetch (cached up to a minute) must not overwrite it.
  let fromSocket = false;
  const chat = new Chat({
    inbox: config.inbox,
    store,
    strings: en,
    makeId: randomId,
    now: () => new Date(),
    openConnection: (handlers) =>
      connect(
        {
          origin: config.origin,
          path: config.socketPath,
          inbox: config.inbox,
          visitorId: () => visitorIdToSend(store, config.inbox),
          rememberVisitorId: (id) => storeVisitorId(store, config.inbox, id),
          identity: config.identity,
          visitorDetails,
          onConfig: (event) => {
            fromSocket = true;
            view.applyLook(event.look);
          },
        },
        handlers,
      ),
  });
  const typing = new TypingNotifier((on) => chat.typing(on));
  const view = mountView(shadow, {
    strings: en,
    title: config.title,
    color: config.color,
    onOpen: () => {
      chat.start();
      chat.markSeen();
    },
    onSend: (text) => chat.send(text),
    onRetry: (id) => chat.retry(id),
    onInput: () => typing.input(),
    onStopTyping: () => typing.stop(),
    onCsat: (score, comment) => void chat.submitCsat(score, comment),
  });
  chat.subscribe((state) => {
    view.render(state);
    if (view.isOpen()) chat.markSeen();
  });
  // The launcher takes the inbox's colour and corner before any connection; "config" on each connection refreshes it.
  void fetchLook(config.origin, config.inbox).then((look) => {
    if (look && !fromSocket) view.applyLook(look);
  });
  view.render(chat.state);

  // Returning and signed-in visitors connect at once (history, unread replies, unsent messages); first-time visitors on first open.
  const returning = readVisitorId(store, config.inbox) !== undefined || loadPending(store, config.inbox).length > 0 || config.identity !== undefined;
  if (returning) chat.start();
  if (config.openOnLoad) view.open();
  return { open: view.open, close: view.close, dropConnection: () => chat.dropConnection() };
}

const script = findOwnScript(document);
const config = script ? readConfig(script, page.SwitchboardSettings) : null;
if (!config) {
  console.warn("[switchboard] widget.js needs a data-inbox attribute on its <script> tag");
} else if (!page.SwitchboardWidget) {
  const start = (): void => {
    page.SwitchboardWidget = boot(config);
  };
  if (document.body) start();
  else document.addEventListener("DOMContentLoaded", start, { once: true });
}
