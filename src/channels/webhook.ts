/** What the signed webhooks (WhatsApp, Slack) share: the raw body kept for the signature, parsed only once it is verified. */
import express from "express";
import { AppError } from "../errors.ts";

/** Keeps a webhook's body as the bytes the provider signed (req.body is a Buffer; empty when there was none). */
export const rawBody = express.raw({ type: () => true, limit: "1mb" });

/** The raw body of a request read by `rawBody`. */
export function bodyBytes(body: unknown): Buffer {
  return Buffer.isBuffer(body) ? body : Buffer.alloc(0);
}

/** A verified raw body as JSON; 400 VALIDATION_FAILED when it is not. */
export function parseJsonBody(raw: Buffer): unknown {
  try {
    return JSON.parse(raw.toString("utf8"));
  } catch {
    throw new AppError("VALIDATION_FAILED", "The webhook's body is not JSON.", { body: "is not JSON" });
  }
}
