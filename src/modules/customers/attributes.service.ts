/** Custom attributes: their definitions (admins), and the check every write of values goes through. */
import { z } from "zod";
import type { AttributeDefinitionDTO } from "../../contracts/crm.ts";
import { AppError } from "../../errors.ts";
import type { ServiceDeps } from "../deps.ts";
import type { DefineAttributeInput } from "./customers.schemas.ts";
import {
  deleteAttributeDefinition,
  insertAttributeDefinition,
  listAttributeDefinitions,
  type AttributeDefinitionRow,
  type AttributeEntity,
} from "./attributes.repo.ts";

/** Longest text value of a custom attribute. */
export const MAX_ATTRIBUTE_TEXT = 1000;

/** Attribute values to write: a value per key, or null to remove the key. */
export type AttributeChanges = Record<string, unknown>;

const isoDate = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

/** Why a value does not fit its definition, or null when it does. */
function valueProblem(definition: AttributeDefinitionRow, value: unknown): string | null {
  switch (definition.type) {
    case "number":
      return typeof value === "number" && Number.isFinite(value) ? null : "must be a number";
    case "boolean":
      return typeof value === "boolean" ? null : "must be true or false";
    case "date":
      return typeof value === "string" && isoDate.safeParse(value).success && !Number.isNaN(Date.parse(value)) ? null : "must be an ISO date (YYYY-MM-DD or a date-time)";
    case "list":
      return typeof value === "string" && definition.options.includes(value) ? null : `must be one of ${definition.options.join(", ")}`;
    case "text":
      if (typeof value !== "string") return "must be text";
      return value.length <= MAX_ATTRIBUTE_TEXT ? null : `has at most ${MAX_ATTRIBUTE_TEXT} characters`;
  }
}

/**
 * Checks attribute values against the entity's definitions: an unknown key or a value of the wrong type is 400
 * VALIDATION_FAILED naming `attributes.<key>` (every bad key at once). Null (remove the key) always passes. Returns the
 * changes as given, for applyAttributeChanges.
 */
export async function validateAttributes(deps: Pick<ServiceDeps, "db">, entity: AttributeEntity, attributes: AttributeChanges): Promise<AttributeChanges> {
  const keys = Object.keys(attributes);
  if (keys.length === 0) return {};
  const definitions = new Map((await listAttributeDefinitions(deps.db, entity)).map((d) => [d.key, d]));
  const fields: Record<string, string> = {};
  for (const key of keys) {
    const value = attributes[key];
    const definition = definitions.get(key);
    if (!definition) fields[`attributes.${key}`] = `is not a defined ${entity} attribute`;
    else if (value !== null) {
      const problem = valueProblem(definition, value);
      if (problem) fields[`attributes.${key}`] = problem;
    }
  }
  if (Object.keys(fields).length > 0) {
    const summary = Object.entries(fields)
      .map(([k, m]) => `${k} ${m}`)
      .join("; ");
    throw new AppError("VALIDATION_FAILED", `Invalid input: ${summary}`, fields);
  }
  return attributes;
}

/** The attributes after the changes: values set, keys given null removed. */
export function applyAttributeChanges(current: Record<string, unknown>, changes: AttributeChanges): Record<string, unknown> {
  const next = { ...current };
  for (const [key, value] of Object.entries(changes)) {
    if (value === null) delete next[key];
    else next[key] = value;
  }
  return next;
}

/** Presents a definition. */
export function presentAttributeDefinition(row: AttributeDefinitionRow): AttributeDefinitionDTO {
  return { entity: row.entity, key: row.key, label: row.label, type: row.type, options: row.options, createdAt: row.createdAt.toISOString() };
}

/** The definitions of one entity's attributes (both entities when none is given). */
export async function attributeDefinitions(deps: Pick<ServiceDeps, "db">, entity?: AttributeEntity): Promise<AttributeDefinitionRow[]> {
  return listAttributeDefinitions(deps.db, entity);
}

/** Defines a custom attribute; 409 ATTRIBUTE_EXISTS when the entity has one with this key. */
export async function defineAttribute(deps: Pick<ServiceDeps, "db">, input: DefineAttributeInput): Promise<AttributeDefinitionRow> {
  const row = await insertAttributeDefinition(deps.db, { ...input, options: input.type === "list" ? (input.options ?? []) : [] });
  if (!row) throw new AppError("ATTRIBUTE_EXISTS", `The ${input.entity} attribute "${input.key}" is already defined.`, { key: "is already defined" });
  return row;
}

/** Removes a definition and every value of it; 404 ATTRIBUTE_NOT_FOUND when there is none. */
export async function removeAttribute(deps: Pick<ServiceDeps, "db">, entity: AttributeEntity, key: string): Promise<void> {
  if (!(await deleteAttributeDefinition(deps.db, entity, key))) throw new AppError("ATTRIBUTE_NOT_FOUND");
}
