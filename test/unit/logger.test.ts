import { DrizzleQueryError } from "drizzle-orm/errors";
import { describe, expect, it } from "vitest";
import { serializeError } from "../../src/logger.ts";

describe("logged errors", () => {
  it("never carry the values of the statement that failed (message text, emails), only the statement", () => {
    const cause = Object.assign(new Error('duplicate key value violates unique constraint "customers_email_unique"'), {
      code: "23505",
      detail: "Key (email)=(jane@example.com) already exists.",
    });
    const error = new DrizzleQueryError('insert into "messages" ("text", "email") values ($1, $2)', ["my card 4111 is stolen", "jane@example.com"], cause);
    const logged = JSON.stringify(serializeError(error));
    expect(logged).toContain('insert into \\"messages\\"');
    expect(logged).toContain("23505");
    expect(logged).not.toContain("4111");
    expect(logged).not.toContain("jane@example.com");
  });

  it("keeps an ordinary error's type, message and stack", () => {
    const logged = serializeError(new TypeError("boom")) as { type: string; message: string; stack: string };
    expect(logged.type).toBe("TypeError");
    expect(logged.message).toBe("boom");
    expect(logged.stack).toContain("logger.test.ts");
  });
});
