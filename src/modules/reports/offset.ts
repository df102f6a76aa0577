/** A UTC offset as ISO 8601 writes it. */

/** "+01:00" for 3600 seconds east of UTC, "-03:30" for 12,600 seconds west. */
export function offsetText(seconds: number): string {
  const sign = seconds < 0 ? "-" : "+";
  const abs = Math.abs(seconds);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${sign}${pad(Math.floor(abs / 3600))}:${pad(Math.floor((abs % 3600) / 60))}`;
}
