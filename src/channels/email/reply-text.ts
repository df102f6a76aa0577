/**
 * The new text of an email reply: quoted history and the signature cut off, by a small line-based rule set (linear in
 * the text, so a hostile mail cannot make it slow). What it removes, in order:
 * 1. everything from the first attribution line of a quote: "On <date>, <name> wrote:" (also wrapped over two lines,
 *    and its French, German, Spanish, Italian, Portuguese and Dutch forms), "-----Original Message-----", or Outlook's
 *    header block ("From: …" followed within four lines by "Sent: …" or "Date: …", with the "____" rule above it);
 * 2. every line quoted with ">" (an inline reply keeps the customer's own lines between the quotes);
 * 3. everything from the signature delimiter "-- " (RFC 3676; also a bare "--"), and a trailing "Sent from my …" or
 *    "Get Outlook for …" line.
 * When nothing is left (a mail that only quotes or forwards), the whole text is the reply.
 */

/** Lines longer than this are never taken for an attribution or a header (real ones are short). */
const MAX_MARKER_LINE = 400;

// "On … wrote:" and its translations: the opening word, then the verb that closes the line.
const ATTRIBUTION_START = /^\s*(On|Le|Am|El|Il|Em|Op)\s/;
const ATTRIBUTION_END = /(wrote|a écrit|schrieb|escribió|ha scritto|escreveu|schreef)[^:]{0,80}:\s*$/;
const ORIGINAL_MESSAGE = /^\s*-{2,}\s*(Original Message|Ursprüngliche Nachricht|Message d'origine|Mensaje original|Messaggio originale)\s*-{2,}\s*$/i;
const OUTLOOK_FROM = /^\s*\*?(From|De|Von|Da|Van)\s?:\*?\s+\S/;
const OUTLOOK_SENT = /^\s*\*?(Sent|Date|Envoyé|Gesendet|Enviado|Inviato|Verzonden)\s?:\*?\s+\S/;
const RULE = /^\s*_{5,}\s*$/;
const SIGNATURE = /^-- ?$/;
const SENT_FROM = /^\s*(Sent from my |Sent from Mail for |Get Outlook for |Envoyé de mon |Von meinem .* gesendet)/;

function isMarkerLine(line: string): boolean {
  return line.length <= MAX_MARKER_LINE;
}

/** Where the quoted history starts (a line index), or -1. */
function quoteStart(lines: string[]): number {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!isMarkerLine(line)) continue;
    if (ORIGINAL_MESSAGE.test(line)) return i;
    if (ATTRIBUTION_START.test(line)) {
      if (ATTRIBUTION_END.test(line)) return i;
      // Gmail wraps a long attribution: "On Mon, … Support <" / "support@shop.test> wrote:".
      const next = lines[i + 1];
      if (next !== undefined && isMarkerLine(next) && ATTRIBUTION_END.test(next) && !next.trimStart().startsWith(">")) return i;
    }
    if (OUTLOOK_FROM.test(line) && lines.slice(i + 1, i + 5).some((after) => isMarkerLine(after) && OUTLOOK_SENT.test(after))) {
      return i > 0 && RULE.test(lines[i - 1]!) ? i - 1 : i;
    }
  }
  return -1;
}

/** The reply's own text: quotes and signature removed, or the whole text when that leaves nothing. */
export function replyText(text: string): string {
  let lines = text.replace(/\r\n?/g, "\n").split("\n");
  const quote = quoteStart(lines);
  if (quote >= 0) lines = lines.slice(0, quote);
  lines = lines.filter((line) => !line.trimStart().startsWith(">"));
  const signature = lines.findIndex((line) => SIGNATURE.test(line));
  if (signature >= 0) lines = lines.slice(0, signature);
  while (lines.length > 0 && (lines.at(-1)!.trim() === "" || SENT_FROM.test(lines.at(-1)!))) lines.pop();
  while (lines.length > 0 && lines[0]!.trim() === "") lines.shift();
  const reply = lines.join("\n").trim();
  return reply === "" ? text.trim() : reply;
}
