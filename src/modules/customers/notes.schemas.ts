/** The zod shapes of the customer notes API's requests (the OpenAPI document is generated from these). */
import { z } from "zod";
import { safeText } from "../../contracts/safe-text.ts";
import { cursorParam, limitSchema } from "../../http/pagination.ts";

/** The longest note, in characters. */
export const NOTE_MAX_LENGTH = 10_000;

/** `:id` of /api/v1/customers/:id/notes. */
export const noteCustomerParams = z.object({ id: z.uuid("id must be a UUID") });

/** `:id` and `:noteId` of /api/v1/customers/:id/notes/:noteId. */
export const noteParams = z.object({ id: z.uuid("id must be a UUID"), noteId: z.uuid("noteId must be a UUID") });

/** Query of GET /api/v1/customers/:id/notes. */
export const listNotesQuery = z.object({ limit: limitSchema, cursor: cursorParam });

/** Body of POST /api/v1/customers/:id/notes and PATCH …/notes/:noteId. */
export const noteBody = z
  .object({
    text: safeText(
      z
        .string({ error: "text is required" })
        .trim()
        .min(1, "text is empty")
        .max(NOTE_MAX_LENGTH, `text is at most ${NOTE_MAX_LENGTH.toLocaleString("en")} characters`),
    ),
  })
  .strict();
