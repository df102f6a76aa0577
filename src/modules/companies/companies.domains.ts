/** Company domains: how a typed domain (or a pasted URL) becomes the lower-case host a company is matched by. */

// Labels of 1–63 letters, digits or inner hyphens, at least two of them, the last alphabetic (or punycode "xn--").
const DOMAIN_SHAPE = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

/**
 * The domain a company is matched by: lower-case, without scheme, port, path or a leading "www." ("https://WWW.Acme.com/about"
 * → "acme.com"), or undefined when the text does not name a domain. The WHATWG URL parser does the splitting (and
 * turns an internationalised name into its punycode form).
 */
export function normaliseDomain(input: string): string | undefined {
  const text = input.trim();
  if (text === "" || /\s/.test(text) || text.includes("@")) return undefined;
  let host: string;
  try {
    host = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`).hostname;
  } catch {
    return undefined;
  }
  const domain = host.replace(/\.$/, "").replace(/^www\./, "");
  return DOMAIN_SHAPE.test(domain) ? domain : undefined;
}
