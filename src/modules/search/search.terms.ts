/**
 * How a query is read: ordinary words (searched English-stemmed) and ids (anything with a digit: order, invoice,
 * tracking and ticket numbers, phone numbers), each id matched as written or as the one lexeme messages store for the
 * ids the NLP extracted (see MESSAGE_SEARCH_VECTOR in src/db/schema/conversations.ts).
 */

/** An id in the query: as typed, and reduced to the letters and digits messages index extracted ids by. */
export type QueryId = { raw: string; lexeme: string };

/** The parts of a query. */
export type SearchTerms = {
  /** The query without its ids, for websearch_to_tsquery (quotes, `or` and `-word` work). */
  words: string;
  ids: QueryId[];
  /** A ticket number the query names ("#42", "42", "T-42"), or null. */
  ticketNumber: number | null;
  /** Spellings of an order number the query may be (as typed and upper-case), for the orders a conversation is linked to. */
  orderNumbers: string[];
};

/** Punctuation the stored id lexemes leave out (the same characters as the generated column's translate()). */
const ID_PUNCTUATION = /[-_/#+() ]/g;

/** A whole query that is a phone number: phone characters only, seven digits or more. */
const PHONE = /^\+?[0-9 ()./-]+$/;

/** Characters trimmed from each word's ends before it is looked at ("ORD-10001?" is the id ORD-10001). */
const EDGE_PUNCTUATION = /^[^\p{L}\p{N}#+]+|[^\p{L}\p{N}]+$/gu;

/** Splits a query into words and ids. */
export function searchTerms(q: string): SearchTerms {
  const text = q.trim();
  const ticket = /^(?:#|t-?)?(\d{1,9})$/i.exec(text);
  const ticketNumber = ticket ? Number(ticket[1]) : null;
  const phoneDigits = text.replace(/[^0-9]/g, "");
  if (PHONE.test(text) && phoneDigits.length >= 7) {
    return { words: "", ids: [{ raw: text, lexeme: phoneDigits }], ticketNumber, orderNumbers: [] };
  }
  const words: string[] = [];
  const ids: QueryId[] = [];
  for (const part of text.split(/\s+/)) {
    const token = part.replace(EDGE_PUNCTUATION, "");
    // An email is matched as the one token both the English parser and the extracted ids keep it as.
    if (/\d/.test(token) && !token.includes("@")) {
      const lexeme = token.replace(ID_PUNCTUATION, "").toLowerCase();
      if (/^[\p{L}\p{N}.]+$/u.test(lexeme) && lexeme.length >= 2) ids.push({ raw: token, lexeme });
      continue;
    }
    words.push(part);
  }
  const orderNumbers = ids.length === 1 ? [...new Set([ids[0]!.raw, ids[0]!.raw.toUpperCase()])] : [];
  return { words: words.join(" "), ids, ticketNumber, orderNumbers };
}
