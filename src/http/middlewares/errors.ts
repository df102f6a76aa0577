/** The one error handler: AppErrors keep their code and status, unreadable requests get a 4xx code, anything else is a logged 500. */
import type { ErrorRequestHandler, RequestHandler } from "express";
import { AppError, dataExceptionError, errorCatalogue, RateLimitedError } from "../../errors.ts";
import { childLogger } from "../../logger.ts";

const log = childLogger("http");

/** Answers unknown /api paths with NOT_FOUND in the API's error shape. */
export const notFound: RequestHandler = (req, _res, next) => {
  next(new AppError("NOT_FOUND", `No route for ${req.method} ${req.path}.`));
};

/**
 * The catalogue code for an error body-parser or express's router raised before a handler ran (they carry a 4xx
 * `status`): a body that is not JSON, too large, in an unknown Content-Encoding or charset, corrupt when inflated,
 * or a path with a bad %-escape.
 */
export function requestError(error: unknown): AppError | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const { type, status, message } = error as { type?: unknown; status?: unknown; message?: unknown };
  if (type === "entity.parse.failed") return new AppError("MALFORMED_JSON", "The request body is not valid JSON.");
  if (typeof status !== "number" || status < 400 || status > 499) return undefined;
  if (status === 413) return new AppError("PAYLOAD_TOO_LARGE");
  if (status === 415) return new AppError("UNSUPPORTED_MEDIA_TYPE", `${errorCatalogue.UNSUPPORTED_MEDIA_TYPE.message} (${String(message)})`);
  return new AppError("VALIDATION_FAILED", `The request could not be read: ${String(message)}.`);
}

/** Converts any error into {error: {code, message, fields?}} with the right status. */
export const errorHandler: ErrorRequestHandler = (error: unknown, req, res, next) => {
  if (res.headersSent) {
    next(error);
    return;
  }
  let appError = error instanceof AppError ? error : requestError(error);
  if (!appError) {
    appError = dataExceptionError(error);
    // A value that reached the database unchecked is a missing validation: answered 400, logged to be fixed.
    if (appError) log.warn({ err: error, method: req.method, path: req.path }, "database rejected a request value");
  }
  if (!appError) {
    log.error({ err: error, method: req.method, path: req.path }, "unhandled error");
    appError = new AppError("INTERNAL");
  }
  if (appError instanceof RateLimitedError) res.setHeader("Retry-After", String(appError.retryAfterSec));
  res.status(appError.status).json({ error: appError.toJSON() });
};
