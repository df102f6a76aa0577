/** The REST calls of assignment: the agents and teams to assign to (with presence and load), transfer with a note. */
import type { AgentDTO, AssignableTeamDTO, TicketDTO } from "../../../src/contracts/api.ts";
import { request } from "./http.ts";

type Data<T> = { data: T };

/** Active agents with presence and their open-conversation load. */
export async function listAgentsWithLoad(): Promise<AgentDTO[]> {
  return (await request<Data<AgentDTO[]>>("GET", "/agents?withLoad=1")).data;
}

/** Teams with their members and open load. */
export async function listAssignableTeams(): Promise<AssignableTeamDTO[]> {
  return (await request<Data<AssignableTeamDTO[]>>("GET", "/agents/teams")).data;
}

/** Hands the ticket to an agent and/or team with a private note saying why. */
export async function transferTicket(id: string, body: { assigneeId?: string | null; teamId?: string | null; note: string }): Promise<TicketDTO> {
  return (await request<Data<TicketDTO>>("POST", `/tickets/${encodeURIComponent(id)}/transfer`, body)).data;
}
