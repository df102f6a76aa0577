/** Company domains: how a typed domain (or a pasted URL) becomes the lower-case host a company is matched by, and which email domains are free mail. */

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

/**
 * Email domains anybody can sign up at: a customer writing from one says nothing about their employer, so such a
 * domain never joins customers to a company.
 */
export const FREE_MAIL_DOMAINS: ReadonlySet<string> = new Set([
  "gmail.com",
  "googlemail.com",
  "yahoo.com",
  "yahoo.co.uk",
  "yahoo.fr",
  "ymail.com",
  "hotmail.com",
  "hotmail.co.uk",
  "hotmail.fr",
  "outlook.com",
  "live.com",
  "msn.com",
  "aol.com",
  "icloud.com",
  "me.com",
  "mac.com",
  "proton.me",
  "protonmail.com",
  "gmx.com",
  "gmx.de",
  "gmx.net",
  "web.de",
  "mail.com",
  "mail.ru",
  "yandex.ru",
  "yandex.com",
  "zoho.com",
  "fastmail.com",
  "hey.com",
  "tutanota.com",
  "qq.com",
  "163.com",
  "126.com",
  "orange.fr",
  "free.fr",
  "laposte.net",
  "libero.it",
  "t-online.de",
  "btinternet.com",
  "comcast.net",
  "verizon.net",
  "att.net",
]);

/** Whether customers with an email at this domain could be anyone (free mail), so the domain does not make them colleagues. */
export function isFreeMailDomain(domain: string): boolean {
  return FREE_MAIL_DOMAINS.has(domain.toLowerCase());
}
