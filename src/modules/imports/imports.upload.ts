/**
 * Receives an import's file from the request (HTTP edge): multipart/form-data with a `file` field (busboy), or the
 * raw body as text/csv. Every chunk goes through the CSV intake as it arrives; after a refusal the rest of the body
 * is read and dropped (so the client reads the answer instead of a reset connection), never kept.
 */
import type { IncomingMessage } from "node:http";
import busboy from "busboy";
import { AppError } from "../../errors.ts";
import { createCsvIntake, MAX_IMPORT_BYTES, type CsvIntake, type CsvIntakeResult } from "./csv-intake.ts";

/** A received file and the form fields sent with it. */
export type ReceivedUpload = { file: CsvIntakeResult; fields: Record<string, string>; filename: string | null };

// Past this many bytes a refused body is not drained any further: the connection is dropped.
const DRAIN_LIMIT = 2 * MAX_IMPORT_BYTES;

function mediaType(req: IncomingMessage): { type: string; charset: string | undefined } {
  const header = req.headers["content-type"] ?? "";
  const [type = "", ...params] = header.split(";").map((p) => p.trim());
  const charset = params.find((p) => p.toLowerCase().startsWith("charset="))?.slice(8).replace(/"/g, "").toLowerCase();
  return { type: type.toLowerCase(), charset };
}

/**
 * Counts the body as it flows and drops the connection of one far past the limit (a refused upload is drained only
 * so far); a body cut short by the client fails the upload.
 */
function limitBody(req: IncomingMessage, reject: (error: unknown) => void): void {
  let received = 0;
  req.on("data", (chunk: Buffer) => {
    received += chunk.length;
    if (received <= DRAIN_LIMIT) return;
    req.destroy();
    reject(new AppError("PAYLOAD_TOO_LARGE", `The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB; split it into smaller files.`));
  });
  req.on("error", reject);
  // A client that goes away mid-upload: nothing more will come, so the handler must not wait for the end.
  req.on("close", () => {
    if (!req.complete) reject(new AppError("VALIDATION_FAILED", "The upload was interrupted before the file was complete."));
  });
}

function receiveRaw(req: IncomingMessage, intake: CsvIntake): Promise<ReceivedUpload> {
  return new Promise((resolve, reject) => {
    limitBody(req, reject);
    req.on("data", (chunk: Buffer) => intake.push(chunk));
    req.on("end", () => {
      try {
        resolve({ file: intake.finish(), fields: {}, filename: null });
      } catch (error) {
        reject(error);
      }
    });
  });
}

function receiveMultipart(req: IncomingMessage, intake: CsvIntake): Promise<ReceivedUpload> {
  return new Promise((resolve, reject) => {
    const fields: Record<string, string> = {};
    let filename: string | null = null;
    let sawFile = false;
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, limits: { files: 1, fields: 10, fieldSize: 1024, parts: 20 } });
    } catch (error) {
      reject(new AppError("VALIDATION_FAILED", `The multipart body cannot be read: ${(error as Error).message}.`));
      return;
    }
    parser.on("field", (name, value) => (fields[name] = value));
    parser.on("file", (name, stream, info) => {
      if (name !== "file") {
        stream.resume();
        return;
      }
      sawFile = true;
      filename = info.filename ?? null;
      stream.on("data", (chunk: Buffer) => intake.push(chunk));
    });
    parser.on("error", (error: Error) => reject(new AppError("VALIDATION_FAILED", `The multipart body cannot be read: ${error.message}.`)));
    parser.on("close", () => {
      if (!sawFile && !intake.refusal) {
        reject(new AppError("VALIDATION_FAILED", 'Attach the CSV as the form field "file".', { file: "is required" }));
        return;
      }
      try {
        resolve({ file: intake.finish(), fields, filename });
      } catch (error) {
        reject(error);
      }
    });
    limitBody(req, reject);
    req.pipe(parser);
  });
}

/**
 * The uploaded CSV, checked byte by byte as it arrived (413 PAYLOAD_TOO_LARGE, 400 CSV_INVALID), with the form's
 * fields. Other media types are 415 UNSUPPORTED_MEDIA_TYPE.
 */
export async function receiveCsvUpload(req: IncomingMessage): Promise<ReceivedUpload> {
  const encoding = req.headers["content-encoding"];
  if (encoding && encoding.toLowerCase() !== "identity") {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send the CSV uncompressed (no Content-Encoding).");
  }
  const { type, charset } = mediaType(req);
  const intake = createCsvIntake();
  if (type === "multipart/form-data") return receiveMultipart(req, intake);
  if (type === "text/csv" || type === "application/csv") {
    if (charset && charset !== "utf-8" && charset !== "utf8") {
      throw new AppError("CSV_INVALID", `The file is ${charset}, not UTF-8; save it as CSV UTF-8 and upload it again. Nothing was imported.`);
    }
    return receiveRaw(req, intake);
  }
  throw new AppError("UNSUPPORTED_MEDIA_TYPE", 'Send the CSV as multipart/form-data (the form field "file") or as a text/csv body.');
}
