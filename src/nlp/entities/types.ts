/** Internal shapes shared by the entity recognisers. */
import type { Entity, EntityType } from "../../contracts/nlp.ts";

/** What a caller knows about a message: its timestamp, its product catalogue and the customer's country. */
export type EntityContext = {
  now?: Date;
  products?: { id: string; name: string; sku?: string }[];
  /** ISO 3166 alpha-2 country used for national phone numbers, "$" and day/month order, e.g. "US". */
  defaultCountry?: string;
};

/** A candidate entity before overlap resolution; higher `rank` wins between equally long spans. */
export type Candidate = {
  type: EntityType;
  start: number;
  end: number;
  value: Entity["value"];
  rank: number;
};

/** Builds a candidate from a span of the text. */
export function candidate(type: EntityType, start: number, end: number, value: Entity["value"], rank: number): Candidate {
  return { type, start, end, value, rank };
}
