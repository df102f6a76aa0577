import { describe, expect, it } from "vitest";
import { twilioRequestVerified, twilioSignature } from "../../../../src/channels/sms/signature.ts";

describe("Twilio's request signature", () => {
  // The example of Twilio's "Webhooks security" (https://www.twilio.com/docs/usage/webhooks/webhooks-security).
  const authToken = "12345";
  const url = "https://mycompany.com/myapp.php?foo=1&bar=2";
  const params = { CallSid: "CA1234567890ABCDE", Caller: "+12349013030", Digits: "1234", From: "+12349013030", To: "+18005551212" };
  const expected = "0/KCTR6DLpKmkAf8muzZqo1nDgQ=";

  it("gives Twilio's published signature for its example, whatever order the parameters come in", () => {
    expect(twilioSignature(authToken, url, params)).toBe(expected);
    const reversed = Object.fromEntries(Object.entries(params).reverse());
    expect(twilioRequestVerified(expected, authToken, url, reversed)).toBe(true);
  });

  it("refuses a changed parameter, another URL, a wrong auth token and a missing signature", () => {
    expect(twilioRequestVerified(expected, authToken, url, { ...params, Digits: "1235" })).toBe(false);
    expect(twilioRequestVerified(expected, authToken, "https://mycompany.com/myapp.php?foo=1&bar=3", params)).toBe(false);
    expect(twilioRequestVerified(expected, "54321", url, params)).toBe(false);
    expect(twilioRequestVerified(undefined, authToken, url, params)).toBe(false);
  });
});
