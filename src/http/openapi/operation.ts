/**
 * One REST operation as the OpenAPI document describes it: the route's own zod request schemas, its response DTO
 * schema, who may call it (from the permission matrix) and the error codes it can answer. The paths files list them;
 * document.ts turns them into OpenAPI.
 */
import type { z } from "zod";
import type { Action } from "../../contracts/permissions.ts";
import type { ErrorCode } from "../../errors.ts";

/** An HTTP method express serves. */
export type Method = "get" | "post" | "patch" | "put" | "delete";

/**
 * Who may call an operation: anyone (`public`), a console session only (`session`: an API key gets 403), or a console
 * session or an API key (`actor`); `botframework` and `inboxToken` are a channel's own credentials. `actions` names the permission-matrix actions the route checks, from which the
 * document says which roles and which API-key scopes pass.
 */
export type Access = { auth: "public" } | { auth: "session"; actions?: readonly Action[] } | { auth: "actor"; actions: readonly Action[] } | { auth: "botframework" } | { auth: "inboxToken" };

/** What a successful call answers. */
export type Success =
  | { status: 200 | 201 | 202; description: string; data: z.ZodType }
  | { status: 200; description: string; page: z.ZodType }
  | { status: 200; description: string; document: z.ZodType }
  | { status: 200; description: string; files: readonly string[] }
  | { status: 200 | 202 | 204; description: string };

/** One operation of the REST API. */
export type Operation = {
  method: Method;
  /** The path as express mounts it, `:id` parameters included ("/api/v1/tickets/:id"). */
  path: string;
  tag: string;
  summary: string;
  description?: string;
  access: Access;
  params?: z.ZodObject;
  /** An object schema, or one refined or transformed as a whole (a pipe). */
  query?: z.ZodObject | z.ZodPipe;
  /** A JSON body. */
  body?: z.ZodType;
  /** A body in other media types (an uploaded CSV as `text/csv` or `multipart/form-data`), each with its schema. */
  bodyContent?: Readonly<Record<string, z.ZodType>>;
  success: Success;
  /** Error codes of this route beyond the ones every route of its kind can answer (which document.ts adds). */
  errors?: readonly ErrorCode[];
};

/** An express path in OpenAPI's syntax: "/tickets/:id" → "/tickets/{id}". */
export function openApiPath(expressPath: string): string {
  return expressPath.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, "{$1}");
}
