/** Queries on custom attribute definitions, and on the values records hold for them. */
import { and, eq, sql } from "drizzle-orm";
import { tables, type Database } from "../../db/index.ts";

/** A custom attribute definition row. */
export type AttributeDefinitionRow = typeof tables.attributeDefinitions.$inferSelect;

/** Which records carry custom attributes. */
export type AttributeEntity = AttributeDefinitionRow["entity"];

/** The definitions of one entity's attributes (or of both), by key. */
export async function listAttributeDefinitions(db: Database, entity?: AttributeEntity): Promise<AttributeDefinitionRow[]> {
  const a = tables.attributeDefinitions;
  return db
    .select()
    .from(a)
    .where(entity ? eq(a.entity, entity) : undefined)
    .orderBy(a.entity, a.key);
}

/** Stores a definition; undefined when the entity already has an attribute with this key. */
export async function insertAttributeDefinition(
  db: Database,
  values: Pick<AttributeDefinitionRow, "entity" | "key" | "label" | "type" | "options">,
): Promise<AttributeDefinitionRow | undefined> {
  const [row] = await db.insert(tables.attributeDefinitions).values(values).onConflictDoNothing().returning();
  return row;
}

/**
 * Removes a definition and the values records hold for it (in one transaction, so no value outlives its definition);
 * false when there was no such definition.
 */
export async function deleteAttributeDefinition(db: Database, entity: AttributeEntity, key: string): Promise<boolean> {
  const a = tables.attributeDefinitions;
  return db.transaction(async (tx) => {
    const deleted = await tx
      .delete(a)
      .where(and(eq(a.entity, entity), eq(a.key, key)))
      .returning({ key: a.key });
    if (deleted.length === 0) return false;
    const table = entity === "customer" ? tables.customers : tables.companies;
    await tx
      .update(table)
      .set({ attributes: sql`${table.attributes} - ${key}::text` })
      .where(sql`${table.attributes} ? ${key}::text`);
    return true;
  });
}
