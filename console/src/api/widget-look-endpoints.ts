/** Settings → Inboxes' widget look calls: read and replace a web inbox's look. */
import type { WidgetLook } from "../../../src/contracts/widget-look.ts";
import { request } from "./http.ts";

type Data<T> = { data: T };

/** A web inbox's look (the defaults until an admin saves one). */
export async function getWidgetLook(inboxId: string): Promise<WidgetLook> {
  return (await request<Data<WidgetLook>>("GET", `/inboxes/${encodeURIComponent(inboxId)}/widget-look`)).data;
}

/** Replaces a web inbox's look; a bad field is 400 VALIDATION_FAILED naming it (a colour text cannot be read on too). */
export async function saveWidgetLook(inboxId: string, look: WidgetLook): Promise<WidgetLook> {
  return (await request<Data<WidgetLook>>("PUT", `/inboxes/${encodeURIComponent(inboxId)}/widget-look`, look)).data;
}
