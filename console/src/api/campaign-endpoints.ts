/** The campaigns' REST calls: list, create, start, pause, results. */
import type { Page } from "../../../src/contracts/api.ts";
import type { CampaignAudienceDTO, CampaignDTO, CampaignForecastDTO, CampaignResultsDTO } from "../../../src/contracts/campaigns.ts";
import { query, request } from "./http.ts";

type Data<T> = { data: T };

/** How many campaigns one page lists. */
export const CAMPAIGNS_PAGE_SIZE = 25;

/** One page of campaigns, newest first. */
export async function listCampaigns(cursor: string | null): Promise<Page<CampaignDTO>> {
  return request<Page<CampaignDTO>>("GET", `/campaigns${query({ limit: CAMPAIGNS_PAGE_SIZE, cursor })}`);
}

/** What a campaign is created with. */
export type CampaignInput = { name: string; audience: CampaignAudienceDTO; channel: "widget" | "email"; message: string; subject?: string; throttle?: number; schedule?: string };

/** Creates a campaign (a draft, or scheduled). */
export async function createCampaign(body: CampaignInput): Promise<CampaignDTO> {
  return (await request<Data<CampaignDTO>>("POST", "/campaigns", body)).data;
}

/** Starts or resumes a campaign. */
export async function startCampaign(id: string): Promise<CampaignDTO> {
  return (await request<Data<CampaignDTO>>("POST", `/campaigns/${encodeURIComponent(id)}/start`)).data;
}

/** Pauses a campaign. */
export async function pauseCampaign(id: string): Promise<CampaignDTO> {
  return (await request<Data<CampaignDTO>>("POST", `/campaigns/${encodeURIComponent(id)}/pause`)).data;
}

/** A campaign's results. */
export async function campaignResults(id: string): Promise<CampaignResultsDTO> {
  return (await request<Data<CampaignResultsDTO>>("GET", `/campaigns/${encodeURIComponent(id)}/results`)).data;
}

/** Forecasts a campaign's response rate and revenue before it is sent (the latest insights refresh's regression). */
export async function forecastCampaign(body: { audience: CampaignAudienceDTO; channel: "widget" | "email"; message: string }): Promise<CampaignForecastDTO> {
  return (await request<Data<CampaignForecastDTO>>("POST", "/campaigns/forecast", body)).data;
}
