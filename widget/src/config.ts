/** Reads the widget's configuration from its own <script> tag and the page's optional window.SwitchboardSettings. */
import type { WidgetIdentity } from "./connection.ts";

/** Everything the widget needs to know from the embedding page. */
export type WidgetConfig = {
  inbox: string;
  origin: string;
  socketPath: string;
  title?: string;
  color?: string;
  openOnLoad: boolean;
  /** The signed identity of the site's logged-in user, when the site passes one. */
  identity?: WidgetIdentity;
};

/** What an embedding page may set on window.SwitchboardSettings before the script loads (overrides the data-attributes). */
export type SwitchboardSettings = { identifier?: unknown; identifierHash?: unknown; userJwt?: unknown };

const text = (value: unknown): string | undefined => (typeof value === "string" && value.trim() ? value.trim() : undefined);

/** The signed identity from data-identifier + data-identifier-hash or data-user-jwt, or from SwitchboardSettings; undefined when none. */
export function readIdentity(script: HTMLScriptElement, settings: SwitchboardSettings | undefined): WidgetIdentity | undefined {
  const identifier = text(settings?.identifier) ?? text(script.dataset.identifier);
  const identifierHash = text(settings?.identifierHash) ?? text(script.dataset.identifierHash);
  const userJwt = text(settings?.userJwt) ?? text(script.dataset.userJwt);
  if (userJwt) return { userJwt };
  if (identifier && identifierHash) return { identifier, identifierHash };
  return undefined;
}

/** Finds the widget's script tag: the running script, else a script whose src ends with widget.js and has data-inbox. */
export function findOwnScript(doc: Document): HTMLScriptElement | null {
  const current = doc.currentScript;
  if (current instanceof HTMLScriptElement && current.dataset.inbox) return current;
  const candidates = Array.from(doc.querySelectorAll<HTMLScriptElement>("script[data-inbox][src]"));
  return candidates.find((s) => /widget\.js(\?.*)?$/.test(s.src)) ?? null;
}

/** Accepts only colours the browser understands, so a typo cannot break the styles. */
function validColor(value: string | undefined): string | undefined {
  if (!value) return undefined;
  return typeof CSS !== "undefined" && CSS.supports("color", value) ? value : undefined;
}

/** Builds the configuration from a script tag's src and data-attributes (null when data-inbox is missing). */
export function readConfig(script: HTMLScriptElement, settings?: SwitchboardSettings): WidgetConfig | null {
  const inbox = script.dataset.inbox?.trim();
  if (!inbox) return null;
  const src = new URL(script.src, document.baseURI);
  return {
    inbox,
    origin: src.origin,
    socketPath: script.dataset.socketPath || "/socket.io",
    title: script.dataset.title || undefined,
    color: validColor(script.dataset.color),
    openOnLoad: script.dataset.open === "true",
    identity: readIdentity(script, settings),
  };
}
