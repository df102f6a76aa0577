/** Security headers on every HTTP response (helmet lives here): a strict policy for the console and the API, an embeddable one for the demo page and widget.js. */
import type { IncomingMessage } from "node:http";
import type { RequestHandler } from "express";
import helmet from "helmet";

/** Paths other sites may frame or load: the demo shop page and the widget script. */
export const EMBEDDABLE_PATHS: ReadonlySet<string> = new Set(["/", "/widget.js"]);

type Directives = Record<string, Iterable<string | ((req: IncomingMessage) => string)>>;

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
  return (req, res, next) => (EMBEDDABLE_PATHS.has(req.path) ? embeddable : strict)(req, res, next);
}
