/** The one error handler: AppErrors keep their code and status, malformed JSON and oversize bodies get theirs, anything else is a logged 500. */
import type { ErrorRequestHandler, RequestHandler } from "express";
import { AppError, RateLimitedError } from "../../errors.ts";
import { childLogger } from "../../logger.ts";

const log = childLogger("http");

/** Answers unknown /api paths with NOT_FOUND in the API's error shape. */
export const notFound: RequestHandler = (req, _res, next) => {
  next(new AppError("NOT_FOUND", `No route for ${req.method} ${req.path}.`));
};

/** Converts any error into {error: {code, message, fields?}} with the right status. */
export const errorHandler: ErrorRequestHandler = (error: unknown, req, res, next) => {
  if (res.headersSent) {
    next(error);
    return;
  }
  let appError: AppError;
  if (error instanceof AppError) appError = error;
  else if (isBodyParserError(error, "entity.parse.failed")) appError = new AppError("MALFORMED_JSON", "The request body is not valid JSON.");
  else if (isBodyParserError(error, "entity.too.large")) appError = new AppError("PAYLOAD_TOO_LARGE");
  else {
    log.error({ err: error, method: req.method, path: req.path }, "unhandled error");
    appError = new AppError("INTERNAL");
  }
  if (appError instanceof RateLimitedError) res.setHeader("Retry-After", String(appError.retryAfterSec));
  res.status(appError.status).json({ error: appError.toJSON() });
};

function isBodyParserError(error: unknown, type: string): boolean {
  return typeof error === "object" && error !== null && (error as { type?: string }).type === type;
}
