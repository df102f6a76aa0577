/** Reads the widget's configuration from its own <script> tag. */

/** Everything the widget needs to know from the embedding page. */
export type WidgetConfig = {
  inbox: string;
  origin: string;
  socketPath: string;
  title?: string;
  color?: string;
  openOnLoad: boolean;
};

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
export function readConfig(script: HTMLScriptElement): WidgetConfig | null {
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
  };
}
