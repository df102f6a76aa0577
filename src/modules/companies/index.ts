/** Companies module: CRM accounts that customers belong to, joined by their email's domain. */
export { createCompany, deleteCompany, getCompany, searchCompanies, updateCompany } from "./companies.service.ts";
export { presentCompany } from "./companies.presenter.ts";
export { findCompany, type CompanyRow, type CompanyWithCount } from "./companies.repo.ts";
export { normaliseDomain } from "./companies.domains.ts";
export { companyCursor, companyIdParam, createCompanyBody, listCompaniesQuery, updateCompanyBody } from "./companies.schemas.ts";
