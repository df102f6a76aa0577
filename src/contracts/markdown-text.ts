/**
 * The safe markdown of the bot's answers, read as plain text: emphasis marks, headings' hashes and code ticks go, a
 * link becomes "text (url)", list items keep a bullet. Nothing is ever interpreted as HTML: the result is shown as text
 * (the widget and the console both render it with textContent), so a "<b>" in an answer is shown as typed.
 */
export function markdownToText(markdown: string): string {
  return markdown
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((line) =>
      line
        .replace(/^\s{0,3}#{1,6}\s+/, "")
        .replace(/^\s{0,3}>\s?/, "")
        .replace(/^(\s*)[-*+]\s+/, "$1• ")
        .replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1")
        .replace(/\[([^\]]+)\]\((\S+?)\)/g, (_m, text: string, url: string) => (text === url ? url : `${text} (${url})`))
        .replace(/(\*\*|__)(?=\S)(.+?)(?<=\S)\1/g, "$2")
        .replace(/(^|[^\w*])[*_](?=\S)(.+?)(?<=\S)[*_](?=$|[^\w*])/g, "$1$2")
        .replace(/`([^`]+)`/g, "$1"),
    )
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
