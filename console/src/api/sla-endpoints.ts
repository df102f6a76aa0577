/** The REST calls of SLA policies and inboxes' business hours (admins). */
import type { BusinessHours, InboxBusinessHoursDTO, SlaPolicyDTO } from "../../../src/contracts/sla.ts";
import { request } from "./http.ts";

type Data<T> = { data: T };
/** What an admin sets on a policy. */
export type SlaPolicyInput = Pick<SlaPolicyDTO, "priority" | "firstResponseMinutes" | "nextResponseMinutes" | "resolutionMinutes" | "businessHours" | "warnAtPercent">;

/** Every SLA policy, most urgent first. */
export async function listSlaPolicies(): Promise<SlaPolicyDTO[]> {
  return (await request<Data<SlaPolicyDTO[]>>("GET", "/sla-policies")).data;
}

/** Adds the policy of a priority. */
export async function createSlaPolicy(body: SlaPolicyInput): Promise<SlaPolicyDTO> {
  return (await request<Data<SlaPolicyDTO>>("POST", "/sla-policies", body)).data;
}

/** Changes a policy's targets. */
export async function changeSlaPolicy(id: string, body: Partial<Omit<SlaPolicyInput, "priority">>): Promise<SlaPolicyDTO> {
  return (await request<Data<SlaPolicyDTO>>("PATCH", `/sla-policies/${encodeURIComponent(id)}`, body)).data;
}

/** Deletes a policy. */
export async function deleteSlaPolicy(id: string): Promise<void> {
  await request<unknown>("DELETE", `/sla-policies/${encodeURIComponent(id)}`);
}

/** An inbox's business hours. */
export async function getBusinessHours(inboxId: string): Promise<InboxBusinessHoursDTO> {
  return (await request<Data<InboxBusinessHoursDTO>>("GET", `/inboxes/${encodeURIComponent(inboxId)}/business-hours`)).data;
}

/** Sets an inbox's business hours. */
export async function setBusinessHours(inboxId: string, hours: BusinessHours): Promise<InboxBusinessHoursDTO> {
  return (await request<Data<InboxBusinessHoursDTO>>("PUT", `/inboxes/${encodeURIComponent(inboxId)}/business-hours`, hours)).data;
}

/** Clears an inbox's business hours (always open). */
export async function clearBusinessHours(inboxId: string): Promise<InboxBusinessHoursDTO> {
  return (await request<Data<InboxBusinessHoursDTO>>("DELETE", `/inboxes/${encodeURIComponent(inboxId)}/business-hours`)).data;
}
