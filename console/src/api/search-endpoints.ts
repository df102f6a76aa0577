/** The REST call of the search box: GET /api/v1/search. */
import type { SearchPageDTO } from "../../../src/contracts/search.ts";
import { query, request } from "./http.ts";

/** What the console searches with: the words and the filters set (empty ones left out). */
export type SearchParams = Record<string, string | undefined>;

/** One page of search results, best first. */
export async function searchPage(params: SearchParams, cursor: string | null, signal?: AbortSignal): Promise<SearchPageDTO> {
  return request<SearchPageDTO>("GET", `/search${query({ ...params, cursor: cursor ?? undefined })}`, undefined, signal);
}
