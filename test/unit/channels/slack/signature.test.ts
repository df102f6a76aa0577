import { describe, expect, it } from "vitest";
import { slackRequestVerified, slackSignature } from "../../../../src/channels/slack/signature.ts";

describe("Slack's request signature", () => {
  // The worked example of Slack's "Verifying requests from Slack" (https://api.slack.com/authentication/verifying-requests-from-slack).
  const signingSecret = "8f742231b10e8888abcd99yyyzzz85a5";
  const timestamp = "1531420618";
  const body =
    "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
  const expected = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";
  const at = (seconds: number) => new Date(seconds * 1000);

  it("gives Slack's published signature for its example", () => {
    expect(slackSignature(signingSecret, timestamp, body)).toBe(expected);
    expect(slackRequestVerified({ timestamp, signature: expected, raw: Buffer.from(body) }, signingSecret, at(1531420618 + 60))).toBe(true);
  });

  it("refuses a tampered body, a wrong secret, a missing signature, and a timestamp more than 5 minutes off", () => {
    const now = at(1531420618);
    expect(slackRequestVerified({ timestamp, signature: expected, raw: Buffer.from(body.replace("foobar", "foobaz")) }, signingSecret, now)).toBe(false);
    expect(slackRequestVerified({ timestamp, signature: expected, raw: Buffer.from(body) }, "another-signing-secret-000", now)).toBe(false);
    expect(slackRequestVerified({ timestamp, signature: undefined, raw: Buffer.from(body) }, signingSecret, now)).toBe(false);
    expect(slackRequestVerified({ timestamp, signature: expected, raw: Buffer.from(body) }, signingSecret, at(1531420618 + 301))).toBe(false);
    expect(slackRequestVerified({ timestamp, signature: expected, raw: Buffer.from(body) }, signingSecret, at(1531420618 - 301))).toBe(false);
    expect(slackRequestVerified({ timestamp: "soon", signature: expected, raw: Buffer.from(body) }, signingSecret, now)).toBe(false);
  });
});
