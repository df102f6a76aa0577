/** The customer export's query: live customers matching a filter, one keyset page at a time (oldest first). */
import { and, asc, eq, sql, type SQL } from "drizzle-orm";
import { tables, type Database } from "../../db/index.ts";

/** Which customers an export takes. */
export type CustomerExportFilter = { q?: string; tag?: string; companyId?: string; segment?: string };

/** Where the previous page ended: its last row's exact creation time (as PostgreSQL prints it) and id. */
export type ExportCursor = { at: string; id: string };

/** One exported customer. */
export type ExportRow = {
  id: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  company: string | null;
  tags: string[];
  tier: string;
  segment: string | null;
  attributes: Record<string, unknown>;
  createdAt: Date;
  cursorAt: string;
};

function conditions(filter: CustomerExportFilter): SQL[] {
  const c = tables.customers;
  const where: SQL[] = [sql`${c.mergedIntoId} is null`, sql`${c.erasedAt} is null`];
  if (filter.tag) where.push(sql`${c.tags} @> array[${filter.tag}]::text[]`);
  if (filter.companyId) where.push(eq(c.companyId, filter.companyId));
  if (filter.segment) where.push(eq(c.segment, filter.segment));
  if (filter.q) {
    // Substring match on the trigram-indexed columns (name, email, phone digits).
    const pattern = `%${filter.q.toLowerCase().replace(/[\\%_]/g, "\\$&")}%`;
    const digits = filter.q.replace(/\D/g, "");
    where.push(
      sql`(lower(${c.name}) like ${pattern} or ${c.email} like ${pattern}${digits.length >= 3 ? sql` or ${c.phoneDigits} like ${`%${digits}%`}` : sql``})`,
    );
  }
  return where;
}

/** The next page of matching live customers after the cursor, with their company's name. */
export async function exportPage(db: Database, filter: CustomerExportFilter, after: ExportCursor | null, limit: number): Promise<ExportRow[]> {
  const c = tables.customers;
  const where = conditions(filter);
  // The exact timestamp text (microseconds) as the cursor: a JS Date would lose them and skip or repeat rows.
  if (after) where.push(sql`(${c.createdAt}, ${c.id}) > (${after.at}::timestamptz, ${after.id}::uuid)`);
  return db
    .select({
      id: c.id,
      name: c.name,
      email: c.email,
      phone: c.phone,
      company: tables.companies.name,
      tags: c.tags,
      tier: c.tier,
      segment: c.segment,
      attributes: c.attributes,
      createdAt: c.createdAt,
      cursorAt: sql<string>`${c.createdAt}::text`,
    })
    .from(c)
    .leftJoin(tables.companies, eq(tables.companies.id, c.companyId))
    .where(and(...where))
    .orderBy(asc(c.createdAt), asc(c.id))
    .limit(limit);
}
