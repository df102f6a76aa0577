/**
 * Free-mail providers: a customer writing from one of these domains says nothing about their employer, so the domain
 * must never put them in a company whose `domain` happens to be set to it (POST /customers joins by email domain).
 */

/** Domains of public mailbox providers (exact names). */
export const FREE_MAIL_DOMAINS: ReadonlySet<string> = new Set([
  "gmail.com",
  "googlemail.com",
  "outlook.com",
  "live.com",
  "msn.com",
  "icloud.com",
  "me.com",
  "mac.com",
  "aol.com",
  "proton.me",
  "protonmail.com",
  "pm.me",
  "gmx.com",
  "gmx.net",
  "gmx.de",
  "web.de",
  "mail.com",
  "zoho.com",
  "yandex.com",
  "yandex.ru",
  "mail.ru",
  "fastmail.com",
  "tutanota.com",
  "hey.com",
  "qq.com",
  "163.com",
  "naver.com",
]);

/** Providers with one domain per country (yahoo.co.uk, hotmail.fr …): matched by the name before the country part. */
export const FREE_MAIL_FAMILIES: readonly string[] = ["yahoo", "hotmail", "ymail", "rocketmail", "outlook", "live", "gmx"];

/** Whether an email domain belongs to a public mailbox provider rather than to an organisation. */
export function isFreeMailDomain(domain: string): boolean {
  const lower = domain.toLowerCase();
  if (FREE_MAIL_DOMAINS.has(lower)) return true;
  const first = lower.split(".")[0];
  return FREE_MAIL_FAMILIES.includes(first);
}
