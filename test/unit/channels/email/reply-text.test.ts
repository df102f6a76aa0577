import { describe, expect, it } from "vitest";
import { replyText } from "../../../../src/channels/email/reply-text.ts";

describe("the new text of an email reply", () => {
  it("cuts Gmail's quoted history at its wrapped 'On … wrote:' line and keeps the customer's sign-off", () => {
    const gmail = [
      "Thanks, that works for me!",
      "",
      "Best,",
      "Ada",
      "",
      "On Mon, Dec 7, 2026 at 10:00 AM Shop Support <",
      "support@shop.test> wrote:",
      "",
      "> Hello Ada,",
      "> your order 1234 has shipped.",
      ">",
    ].join("\r\n");
    expect(replyText(gmail)).toBe("Thanks, that works for me!\n\nBest,\nAda");
  });

  it("cuts Outlook's header block (the rule, From:, Sent:) and everything under it", () => {
    const outlook = [
      "Yes please, cancel it.",
      "",
      "Ada Lovelace",
      "",
      "________________________________",
      "From: Shop Support <support@shop.test>",
      "Sent: Monday, December 7, 2026 10:00 AM",
      "To: Ada Lovelace <ada@example.test>",
      "Subject: Re: Order 1234",
      "",
      "Hello Ada, do you want us to cancel order 1234?",
    ].join("\n");
    expect(replyText(outlook)).toBe("Yes please, cancel it.\n\nAda Lovelace");
    const original = "Please call me.\n\n-----Original Message-----\nFrom: support@shop.test\nSent: today\n\nold text";
    expect(replyText(original)).toBe("Please call me.");
  });

  it("drops Apple Mail's 'Sent from my iPhone' and its quoted attribution", () => {
    const apple = [
      "Great, thank you.",
      "",
      "Sent from my iPhone",
      "",
      "> On 7 Dec 2026, at 10:00, Shop Support <support@shop.test> wrote:",
      "> ",
      "> Hello Ada",
    ].join("\n");
    expect(replyText(apple)).toBe("Great, thank you.");
  });

  it("cuts the signature at the '-- ' delimiter, and a quote in French or German", () => {
    expect(replyText("Where is my parcel?\n\n-- \nAda Lovelace\nAcme Ltd | +44 20 7946 0000\n")).toBe("Where is my parcel?");
    expect(replyText("Merci !\n\nLe lun. 7 déc. 2026 à 10:00, Shop Support <support@shop.test> a écrit :\n> Bonjour")).toBe("Merci !");
    expect(replyText("Danke.\n\nAm 07.12.2026 um 10:00 schrieb Shop Support <support@shop.test>:\n> Hallo")).toBe("Danke.");
  });

  it("keeps the customer's lines of an inline reply, without the quoted ones", () => {
    const inline = "> Which size do you need?\nLarge, please.\n> And which colour?\nBlue.\n";
    expect(replyText(inline)).toBe("Large, please.\nBlue.");
  });

  it("keeps a mail that has no quote or signature whole, and a mail that is only a quote", () => {
    expect(replyText("Hello,\n\nmy order 1234 has not arrived.\nCan you check?")).toBe("Hello,\n\nmy order 1234 has not arrived.\nCan you check?");
    expect(replyText("> only the old text\n> nothing new")).toBe("> only the old text\n> nothing new");
    // "On" starting an ordinary sentence is not an attribution.
    expect(replyText("On Monday my parcel arrived broken.\nWhat now?")).toBe("On Monday my parcel arrived broken.\nWhat now?");
  });
});
