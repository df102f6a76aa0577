import { describe, expect, it } from "vitest";
import { csvField, topicsCsv } from "../../../src/modules/reports/reports.csv.ts";

describe("report CSV", () => {
  it("prefixes text a spreadsheet would run as a formula with a quote, and quotes commas, quotes and line breaks", () => {
    expect(csvField("=HYPERLINK(\"http://x\")")).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvField("+1 refund")).toBe("'+1 refund");
    expect(csvField("@home")).toBe("'@home");
    expect(csvField("late, again")).toBe('"late, again"');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
    expect(csvField(-0.5)).toBe("-0.5");
  });

  it("writes a header and one line per topic, CRLF-terminated", () => {
    const csv = topicsCsv({
      from: "2026-12-01T00:00:00.000Z",
      to: "2026-12-08T00:00:00.000Z",
      channel: null,
      messages: 3,
      topics: [
        { phrase: "late delivery", messages: 2, conversations: 2, averageSentiment: -1.5, negativeShare: 1, topIntent: "track_order", previousMessages: 0, trend: "new", group: "delivery" },
      ],
      previousFrom: "2026-11-24T00:00:00.000Z",
      withoutTopic: [],
    });
    expect(csv).toBe(
      "phrase,messages,conversations,averageSentiment,negativeShare,topIntent,previousMessages,trend,group\r\nlate delivery,2,2,-1.5,1,track_order,0,new,delivery\r\n",
    );
  });
});
