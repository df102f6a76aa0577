/** Agent use cases: present a user, create a user, create the first admin (admins manage users in the settings module). */
import { randomBytes } from "node:crypto";
import type { UserDTO } from "../../contracts/api.ts";
import type { ServiceDeps } from "../deps.ts";
import { hashPassword } from "./passwords.ts";
import { countUsersWithRole, insertUser, type UserRow } from "./agents.repo.ts";

/** Presents a user for the console. */
export function presentUser(row: UserRow): UserDTO {
  return { id: row.id, email: row.email, name: row.name, role: row.role, status: row.status };
}

/** Creates a user with a hashed password. */
export async function createUser(
  deps: Pick<ServiceDeps, "db">,
  input: { email: string; name: string; role: UserRow["role"]; password: string },
): Promise<UserRow> {
  return insertUser(deps.db, { email: input.email, name: input.name, role: input.role, passwordHash: await hashPassword(input.password) });
}

/** When no admin exists yet, creates the first one; returns the password when it was generated (to print once). */
export async function ensureFirstAdmin(
  deps: Pick<ServiceDeps, "db">,
  given: { email?: string; password?: string },
): Promise<{ email: string; generatedPassword?: string } | undefined> {
  if ((await countUsersWithRole(deps.db, "admin")) > 0) return undefined;
  const email = given.email ?? "admin@switchboard.local";
  const password = given.password ?? randomBytes(12).toString("base64url");
  await createUser(deps, { email, name: "Admin", role: "admin", password });
  return { email, generatedPassword: given.password ? undefined : password };
}
