/** A console user's notifications: list (newest first), mark read, notify. */
import type { NotificationDTO } from "../../contracts/helpdesk.ts";
import { AppError } from "../../errors.ts";
import type { ServiceDeps } from "../deps.ts";
import { findNotification, insertNotification, listNotifications, markNotificationRead } from "./notes.repo.ts";
import { presentNotification } from "./notes.service.ts";

/** A page of the user's notifications, newest first. */
export async function userNotifications(
  deps: Pick<ServiceDeps, "db">,
  userId: string,
  options: { unread: boolean; before?: { at: Date; id: string }; limit: number },
): Promise<NotificationDTO[]> {
  return (await listNotifications(deps.db, userId, options)).map(presentNotification);
}

/** Marks one of the user's notifications read; another user's is NOT_FOUND. */
export async function readNotification(deps: Pick<ServiceDeps, "db" | "now">, userId: string, id: string): Promise<NotificationDTO> {
  const row = await markNotificationRead(deps.db, userId, id, deps.now());
  if (!row) throw new AppError("NOT_FOUND", "You have no such notification.");
  return presentNotification(row);
}

/** One notification for the live console event (undefined once gone). */
export async function notificationById(deps: Pick<ServiceDeps, "db">, id: string): Promise<NotificationDTO | undefined> {
  const row = await findNotification(deps.db, id);
  return row ? presentNotification(row) : undefined;
}

/** Stores a notification for a user and announces it (live `notification:new` on their consoles). */
export async function notifyUser(
  deps: Pick<ServiceDeps, "db" | "events" | "now">,
  userId: string,
  type: NotificationDTO["type"],
  data: NotificationDTO["data"],
): Promise<NotificationDTO> {
  const row = await insertNotification(deps.db, { userId, type, data, createdAt: deps.now() });
  deps.events.emit("notification.created", { notificationId: row.id, userId });
  return presentNotification(row);
}
