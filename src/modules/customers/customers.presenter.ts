/** Customer row → DTO. */
import type { CustomerDTO } from "../../contracts/api.ts";
import type { CustomerRow } from "./customers.repo.ts";

/** Presents a customer for the console. */
export function presentCustomer(row: CustomerRow): CustomerDTO {
  return { id: row.id, name: row.name, email: row.email, phone: row.phone, createdAt: row.createdAt.toISOString() };
}
