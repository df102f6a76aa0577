/** Security headers on every HTTP response (helmet lives here): a strict policy for the console and the API, an embeddable one for the demo page and widget.js. */
import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { RequestHandler } from "express";
import helmet from "helmet";

/** Paths other sites may frame or load: the demo shop page and the widget script. */
export const EMBEDDABLE_PATHS: ReadonlySet<string> = new Set(["/", "/widget.js"]);

/** The API reference page (/api/docs): strict too, but its stylesheets, which Redoc injects, carry a per-response nonce. */
export const DOCS_PAGE_PATH = "/api/docs";

/** The nonce of a /api/docs response's styles (set here, before the page is rendered with it). */
export function styleNonce(res: { locals: Record<string, unknown> }): string {
  return typeof res.locals.styleNonce === "string" ? res.locals.styleNonce : "";
}

// The two stylesheets Redoc 2.5's bundle injects as it loads, before its nonce option is known (an empty one and its
// scrollbar styles). A Redoc upgrade that changes them shows as a CSP violation in test/e2e/api-docs.e2e.test.ts.
const REDOC_LOAD_STYLE_HASHES = ["'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='", "'sha256-QMIg+bpjm3JdElJ388KYke01izlUW0UoNOeKjpMxdgc='"];

type Directives = Record<string, Iterable<string | ((req: IncomingMessage, res: ServerResponse) => string)>>;

/** Builds the middleware; `publicUrl` (PUBLIC_URL) names the console's origin, else each request's Host does. */
export function securityHeaders(options: { publicUrl: string | undefined }): RequestHandler {
  const https = options.publicUrl?.startsWith("https://") ?? false;
  const socketSources = (req: IncomingMessage): string => {
    const host = options.publicUrl ? new URL(options.publicUrl).host : req.headers.host;
    // Older Safari does not let 'self' cover WebSocket URLs; a Host that is not a plain host name adds nothing.
    return host && /^[A-Za-z0-9.:[\]-]+$/.test(host) ? `ws://${host} wss://${host}` : "'self'";
  };
  const directives = (extra: Directives): Directives => ({
    "default-src": ["'self'"],
    "base-uri": ["'self'"],
    "connect-src": ["'self'", socketSources],
    "font-src": ["'self'"],
    "form-action": ["'self'"],
    "img-src": ["'self'", "data:"],
    "object-src": ["'none'"],
    "script-src": ["'self'"],
    "script-src-attr": ["'none'"],
    ...(https ? { "upgrade-insecure-requests": [] } : {}),
    ...extra,
  });
  const common = {
    referrerPolicy: { policy: "no-referrer" as const },
    strictTransportSecurity: https ? { maxAge: 180 * 24 * 3600 } : false,
  };
  const strict = helmet({
    ...common,
    contentSecurityPolicy: { useDefaults: false, directives: directives({ "style-src": ["'self'"], "frame-ancestors": ["'none'"] }) },
    xFrameOptions: { action: "deny" },
    crossOriginResourcePolicy: { policy: "same-origin" },
  });
  const embeddable = helmet({
    ...common,
    // The demo page's own <style> and the widget's stylesheet in its shadow root are inline styles; scripts stay 'self' only.
    contentSecurityPolicy: { useDefaults: false, directives: directives({ "style-src": ["'self'", "'unsafe-inline'"] }) },
    xFrameOptions: false,
    crossOriginResourcePolicy: { policy: "cross-origin" },
  });
  const docs = helmet({
    ...common,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: directives({
        "style-src": ["'self'", ...REDOC_LOAD_STYLE_HASHES, (_req, res) => `'nonce-${styleNonce(res as ServerResponse & { locals: Record<string, unknown> })}'`],
        // Redoc's search index runs in a Web Worker it creates from a blob: of its own bundle.
        "worker-src": ["'self'", "blob:"],
        "frame-ancestors": ["'none'"],
      }),
    },
    xFrameOptions: { action: "deny" },
    crossOriginResourcePolicy: { policy: "same-origin" },
  });
  return (req, res, next) => {
    if (req.path === DOCS_PAGE_PATH) {
      res.locals.styleNonce = randomBytes(16).toString("base64");
      return docs(req, res, next);
    }
    return (EMBEDDABLE_PATHS.has(req.path) ? embeddable : strict)(req, res, next);
  };
}
