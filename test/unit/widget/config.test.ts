import { describe, expect, it } from "vitest";
import { readIdentity } from "../../../widget/src/config.ts";

/** A script tag as far as readIdentity looks at it (its data-attributes). */
const scriptWith = (dataset: Record<string, string>): HTMLScriptElement => ({ dataset }) as unknown as HTMLScriptElement;

describe("widget identity options", () => {
  it("reads data-identifier with data-identifier-hash, or data-user-jwt", () => {
    expect(readIdentity(scriptWith({ identifier: "user-1", identifierHash: "ab12" }), undefined)).toEqual({ identifier: "user-1", identifierHash: "ab12" });
    expect(readIdentity(scriptWith({ userJwt: "a.b.c" }), undefined)).toEqual({ userJwt: "a.b.c" });
  });

  it("prefers window.SwitchboardSettings over the data-attributes, and a JWT over an identifier", () => {
    const script = scriptWith({ identifier: "from-tag", identifierHash: "tag-hash" });
    expect(readIdentity(script, { identifier: "from-settings", identifierHash: "settings-hash" })).toEqual({ identifier: "from-settings", identifierHash: "settings-hash" });
    expect(readIdentity(script, { userJwt: "x.y.z" })).toEqual({ userJwt: "x.y.z" });
  });

  it("passes no identity when there is none, or an identifier without its hash, or values that are not text", () => {
    expect(readIdentity(scriptWith({}), undefined)).toBeUndefined();
    expect(readIdentity(scriptWith({ identifier: "user-1" }), undefined)).toBeUndefined();
    expect(readIdentity(scriptWith({}), { identifier: 42, identifierHash: {}, userJwt: " " })).toBeUndefined();
  });
});
