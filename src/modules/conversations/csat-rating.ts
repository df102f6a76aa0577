/**
 * Reads a channel reply as a CSAT rating (see README, CSAT): the whole reply, trimmed and case-insensitive, is a digit
 * 1–5 optionally followed by "/5" or "star"/"stars" and one "." or "!" ("5", "4/5", "5 stars"), or 1–5 star symbols
 * (⭐ or ★, "⭐⭐⭐⭐" is 4). Anything else is an ordinary message.
 */
const DIGIT_RATING = /^([1-5])\s*(?:\/\s*5|stars?)?\s*[.!]?$/i;
const STAR_RATING = /^[⭐★]{1,5}$/u;

/** The rating a reply gives, or undefined when it is not just a rating. */
export function ratingOf(text: string): number | undefined {
  // Emoji often carry a variation selector (U+FE0F) and spaces between them.
  const trimmed = text.replace(/\uFE0F/gu, "").trim();
  const digit = DIGIT_RATING.exec(trimmed);
  if (digit) return Number(digit[1]);
  const stars = trimmed.replace(/\s+/g, "");
  if (STAR_RATING.test(stars)) return [...stars].length;
  return undefined;
}
