import { describe, expect, it } from "vitest";
import { browserOf, visitorContext } from "../../../src/modules/conversations/visitor-context.ts";

describe("browser from the user agent", () => {
  it.each([
    ["Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36", "Chrome 126 on Windows"],
    ["Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.0.0 Safari/537.36 Edg/125.0.2535.67", "Edge 125 on Windows"],
    ["Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15", "Safari 17 on macOS"],
    ["Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0", "Firefox 127 on Linux"],
    ["Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36", "Samsung Internet 25 on Android"],
    ["Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/126.0.6478.54 Mobile/15E148 Safari/604.1", "Chrome 126 on iOS"],
    ["Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 OPR/111.0.0.0", "Opera 111 on Windows"],
    ["curl/8.5.0", "Other browser"],
  ])("reads %s as %s", (ua, expected) => {
    expect(browserOf(ua)).toBe(expected);
  });

  it("has no browser without a user agent", () => {
    expect(browserOf(undefined)).toBeNull();
  });

  it("keeps only time zones Intl knows", () => {
    expect(visitorContext({ timeZone: "Asia/Tokyo" }).timeZone).toBe("Asia/Tokyo");
    expect(visitorContext({ timeZone: "Mars/Olympus_Mons" }).timeZone).toBeNull();
  });
});
