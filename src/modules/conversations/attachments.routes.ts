/** REST: GET /api/v1/conversations/:id/attachments/:attachmentId, a file a customer sent, as a download for console users and API keys. */
import { Router } from "express";
import { z } from "zod";
import { currentActor, requireActor } from "../../http/middlewares/auth.ts";
import { parseInput } from "../../http/middlewares/validate.ts";
import type { ServiceDeps } from "../deps.ts";
import { assertCan } from "../policy/index.ts";
import type { AttachmentFiles } from "./attachment-files.ts";
import { attachmentDownload } from "./attachments.service.ts";

/** Path parameters of GET /api/v1/conversations/:id/attachments/:attachmentId. */
export const attachmentParams = z.object({ id: z.uuid("id must be a UUID"), attachmentId: z.uuid("attachmentId must be a UUID") });

// A type/subtype the sender declared, echoed only when it has that shape; anything else is served as bytes.
const MEDIA_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/i;

/** The attachment download route (mounted under /conversations). */
export function attachmentsRoutes(deps: ServiceDeps, files: AttachmentFiles): Router {
  const router = Router();
  router.get("/:id/attachments/:attachmentId", requireActor(deps), async (req, res) => {
    assertCan(currentActor(req), "conversation.read");
    const { id, attachmentId } = parseInput(attachmentParams, req.params);
    const file = await attachmentDownload(deps, files, id, attachmentId);
    // Always a download, never rendered: the content is the sender's, and so is the type it claims.
    res.attachment(file.name);
    res.setHeader("content-type", MEDIA_TYPE.test(file.contentType) ? file.contentType : "application/octet-stream");
    res.setHeader("x-content-type-options", "nosniff");
    res.setHeader("content-security-policy", "default-src 'none'; sandbox");
    res.setHeader("cache-control", "private, no-store");
    await new Promise<void>((resolve, reject) => res.sendFile(file.path, (error) => (error ? reject(error) : resolve())));
  });
  return router;
}
