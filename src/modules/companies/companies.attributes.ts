/**
 * Custom attribute values checked against their definitions (attribute_definitions). A stand-in with the signature the
 * customers module's `validateAttributes(deps, entity, attributes)` has, until that one is on main.
 */
import { AppError } from "../../errors.ts";
import type { ServiceDeps } from "../deps.ts";
import { attributeDefinitionsFor, type AttributeDefinitionRow as Definition } from "./companies.repo.ts";

function reasonFor(definition: Definition, value: unknown): string | undefined {
  switch (definition.type) {
    case "text":
      return typeof value === "string" && value.length <= 10_000 ? undefined : "must be text (at most 10,000 characters)";
    case "number":
      return typeof value === "number" && Number.isFinite(value) ? undefined : "must be a number";
    case "boolean":
      return typeof value === "boolean" ? undefined : "must be true or false";
    case "date":
      return typeof value === "string" && /^\d{4}-\d{2}-\d{2}/.test(value) && !Number.isNaN(Date.parse(value)) ? undefined : "must be a date (YYYY-MM-DD)";
    case "list":
      return typeof value === "string" && definition.options.includes(value) ? undefined : `must be one of ${definition.options.join(", ")}`;
  }
}

/**
 * Checks custom attribute values against the entity's definitions: an undefined key or a value of the wrong type is 400
 * VALIDATION_FAILED naming `attributes.<key>`; null is allowed (it removes the value).
 */
export async function validateAttributes(
  deps: Pick<ServiceDeps, "db">,
  entity: "customer" | "company",
  attributes: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const keys = Object.keys(attributes);
  if (keys.length === 0) return attributes;
  const definitions = await attributeDefinitionsFor(deps.db, entity, keys);
  const byKey = new Map(definitions.map((definition) => [definition.key, definition]));
  const fields: Record<string, string> = {};
  for (const [key, value] of Object.entries(attributes)) {
    const definition = byKey.get(key);
    const reason = !definition ? `is not a defined ${entity} attribute` : value === null ? undefined : reasonFor(definition, value);
    if (reason) fields[`attributes.${key}`] = reason;
  }
  if (Object.keys(fields).length > 0) {
    const summary = Object.entries(fields).map(([k, m]) => `${k}: ${m}`).join("; ");
    throw new AppError("VALIDATION_FAILED", `Invalid input: ${summary}`, fields);
  }
  return attributes;
}
