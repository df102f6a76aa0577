/** Customer row → DTO. */
import type { CustomerDTO } from "../../contracts/api.ts";
import type { CustomerRow } from "./customers.repo.ts";

/** Presents a customer for the console. */
export function presentCustomer(row: CustomerRow): CustomerDTO {
  const suggested = (row.attributes.suggested ?? {}) as { email?: string; phone?: string };
  const suggestions: CustomerDTO["suggestions"] = {};
  if (suggested.email && !row.email) suggestions.email = suggested.email;
  if (suggested.phone && !row.phone) suggestions.phone = suggested.phone;
  return { id: row.id, name: row.name, email: row.email, phone: row.phone, suggestions, createdAt: row.createdAt.toISOString() };
}
