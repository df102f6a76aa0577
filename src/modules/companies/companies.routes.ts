/** REST: companies (console sessions and API keys). */
import { Router } from "express";
import { currentActor, requireActor } from "../../http/middlewares/auth.ts";
import { parseInput } from "../../http/middlewares/validate.ts";
import { decodeCursor, splitPage } from "../../http/pagination.ts";
import type { ServiceDeps } from "../deps.ts";
import { assertCan } from "../policy/index.ts";
import { presentCompany } from "./companies.presenter.ts";
import { companyCursor, companyIdParam, createCompanyBody, listCompaniesQuery, updateCompanyBody } from "./companies.schemas.ts";
import { createCompany, deleteCompany, getCompany, searchCompanies, updateCompany } from "./companies.service.ts";

/** Routes under /api/v1/companies. */
export function companiesRoutes(deps: ServiceDeps): Router {
  const router = Router();
  router.use(requireActor(deps));
  router.get("/", async (req, res) => {
    assertCan(currentActor(req), "company.read");
    const query = parseInput(listCompaniesQuery, req.query);
    const cursor = decodeCursor(query.cursor, companyCursor);
    const rows = await searchCompanies(deps, { q: query.q, cursor, limit: query.limit + 1 });
    const { page, nextCursor } = splitPage(rows, query.limit, (last) => ({ name: last.name, id: last.id }));
    res.json({ data: page.map(presentCompany), nextCursor });
  });
  router.post("/", async (req, res) => {
    assertCan(currentActor(req), "company.write");
    const body = parseInput(createCompanyBody, req.body ?? {});
    res.status(201).json({ data: presentCompany(await createCompany(deps, currentActor(req), body)) });
  });
  router.get("/:id", async (req, res) => {
    assertCan(currentActor(req), "company.read");
    const { id } = parseInput(companyIdParam, req.params);
    res.json({ data: presentCompany(await getCompany(deps, id)) });
  });
  router.patch("/:id", async (req, res) => {
    assertCan(currentActor(req), "company.write");
    const { id } = parseInput(companyIdParam, req.params);
    const body = parseInput(updateCompanyBody, req.body ?? {});
    res.json({ data: presentCompany(await updateCompany(deps, currentActor(req), id, body)) });
  });
  router.delete("/:id", async (req, res) => {
    assertCan(currentActor(req), "company.delete");
    const { id } = parseInput(companyIdParam, req.params);
    await deleteCompany(deps, currentActor(req), id);
    res.status(204).end();
  });
  return router;
}
