/** Company row → DTO. */
import type { CompanyDTO } from "../../contracts/crm.ts";
import type { CompanyWithCount } from "./companies.repo.ts";

/** Presents a company with its live customer count. */
export function presentCompany(row: CompanyWithCount): CompanyDTO {
  return {
    id: row.id,
    name: row.name,
    domain: row.domain,
    attributes: row.attributes,
    customerCount: Number(row.customerCount),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
