/** REST: edit a customer's profile. */
import { Router } from "express";
import { z } from "zod";
import { currentUser, requireUser } from "../../http/middlewares/auth.ts";
import { parseInput } from "../../http/middlewares/validate.ts";
import type { ServiceDeps } from "../deps.ts";
import { assertCan, customerScope } from "../policy/index.ts";
import { presentCustomer } from "./customers.presenter.ts";
import { editCustomer } from "./customers.service.ts";

const idParam = z.object({ id: z.uuid("id must be a UUID") });
const patchBody = z
  .object({
    name: z.string().trim().min(1, "name is empty").max(200).nullable().optional(),
    email: z.email("email must be an email address").max(320).nullable().optional(),
    phone: z
      .string()
      .trim()
      .regex(/^\+?[0-9 ()./-]{5,30}$/, "phone must be digits, optionally with +, spaces, dots, dashes or brackets")
      .nullable()
      .optional(),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, "give at least one of name, email, phone");

/** Routes under /api/v1/customers (console users only). */
export function customersRoutes(deps: ServiceDeps): Router {
  const router = Router();
  router.use(requireUser(deps));
  router.patch("/:id", async (req, res) => {
    const { id } = parseInput(idParam, req.params);
    const body = parseInput(patchBody, req.body ?? {});
    const user = currentUser(req);
    assertCan(user, "customer.edit", await customerScope(deps, user, id));
    res.json({ data: presentCustomer(await editCustomer(deps, id, body)) });
  });
  return router;
}
