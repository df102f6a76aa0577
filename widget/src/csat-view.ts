/**
 * The satisfaction survey card ("How did we do?"): five ratings as a radio group (arrow keys move, Enter sends), an
 * optional comment, then a thank-you line. Built with textContent only.
 */
import { MAX_CSAT_COMMENT_LENGTH } from "../../src/contracts/messages.ts";
import type { ChatState } from "./chat.ts";
import { el } from "./dom.ts";
import type { WidgetStrings } from "./strings.ts";

/** The card and how to show a survey state in it. */
export type CsatView = { element: HTMLElement; render(csat: ChatState["csat"]): void };

/** Builds the survey card; `onSubmit` gets the chosen rating and the comment. */
export function mountCsat(s: WidgetStrings, onSubmit: (score: number, comment: string) => void): CsatView {
  const card = el("form", "csat", { "aria-labelledby": "sb-csat-title" });
  card.hidden = true;
  const title = el("p", "csat-title", { id: "sb-csat-title" }, s.csatQuestion);
  const group = el("div", "csat-scale", { role: "radiogroup", "aria-labelledby": "sb-csat-title" });
  const radios: HTMLInputElement[] = [];
  for (let score = 1; score <= 5; score++) {
    const id = `sb-csat-${score}`;
    const input = el("input", "", { type: "radio", name: "sb-csat", id, value: String(score), "aria-label": s.csatScore(score) });
    const label = el("label", "csat-option", { for: id }, String(score));
    radios.push(input);
    group.append(input, label);
  }
  const ends = el("div", "csat-ends", { "aria-hidden": "true" });
  ends.append(el("span", "", {}, s.csatLow), el("span", "", {}, s.csatHigh));
  // One line (Enter sends the card), and never a second textarea beside the composer's.
  const comment = el("input", "csat-comment", { type: "text", "aria-label": s.csatComment, placeholder: s.csatComment, maxlength: String(MAX_CSAT_COMMENT_LENGTH) });
  const submit = el("button", "csat-submit", { type: "submit" }, s.csatSubmit);
  submit.disabled = true;
  const status = el("p", "csat-status", { role: "status" });
  card.append(title, group, ends, comment, submit, status);

  const chosen = (): number | undefined => {
    const picked = radios.find((r) => r.checked);
    return picked ? Number(picked.value) : undefined;
  };
  const send = (): void => {
    const score = chosen();
    if (score !== undefined && !submit.disabled) onSubmit(score, comment.value);
  };
  for (const radio of radios) {
    radio.addEventListener("change", () => (submit.disabled = chosen() === undefined));
    // Browsers do not submit a form on Enter in a radio group: the survey does.
    radio.addEventListener("keydown", (e) => {
      if (e.key !== "Enter") return;
      e.preventDefault();
      send();
    });
  }
  card.addEventListener("submit", (e) => {
    e.preventDefault();
    send();
  });

  return {
    element: card,
    render(csat) {
      card.hidden = csat === null;
      if (!csat) return;
      const thanked = csat.status === "thanks";
      card.classList.toggle("done", thanked);
      for (const node of [group, ends, comment, submit]) node.hidden = thanked;
      for (const radio of radios) radio.disabled = csat.status === "sending";
      comment.disabled = csat.status === "sending";
      submit.disabled = csat.status === "sending" || chosen() === undefined;
      submit.textContent = csat.status === "sending" ? s.csatSending : s.csatSubmit;
      title.textContent = thanked ? s.csatThanks : s.csatQuestion;
      status.textContent = csat.status === "failed" ? (csat.error ?? s.csatFailed) : "";
      status.hidden = csat.status !== "failed";
    },
  };
}
