/** What the permission-matrix walk (test/integration/http/permissions.test.ts) gives each action's scenario. */
import type { Scope } from "../../../src/contracts/permissions.ts";
import type { Credentials, JsonResponse } from "../api-client.ts";
import type { TestApp } from "../create-test-app.ts";

/** A console user, or an API key (`token`; its id is the key's, and it has no email, password or cookie). */
export type Person = { id: string; email: string; password: string; cookie: string; token?: string };

/** A request's response, the status it gets when allowed, and a check that a refused one changed nothing. */
export type Outcome = { res: JsonResponse; ok: number; unchanged?: () => Promise<void> };

/**
 * One HTTP request for an action on a resource of `scope` ("own": the actor's; "others": `other`'s; "conversation":
 * `other`'s, linked to a conversation whose ticket is the actor's), made by `actor`.
 */
export type Scenario = (scope: Scope, actor: Person, other: Person) => Promise<Outcome>;

/** The running app and the people of the walk (read when a scenario runs, after the walk's set-up). */
export type WalkContext = {
  readonly t: TestApp;
  readonly admin: Person;
  creds(person: Person): Credentials;
  /** A customer conversation handed to humans, its ticket assigned to this user (or in the queue). */
  conversationAssignedTo(assigneeId: string | null): Promise<{ ticketId: string; conversationId: string; customerId: string }>;
};
