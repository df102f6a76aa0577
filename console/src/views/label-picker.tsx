/** A conversation's label chips and the picker that sets them (checkboxes of every label, saved at once). */
import { useEffect, useRef, useState } from "preact/hooks";
import type { LabelChipDTO, LabelDTO } from "../../../src/contracts/helpdesk.ts";
import { listLabels, setConversationLabels } from "../api/helpdesk-endpoints.ts";
import { HELPDESK_TEXT } from "../helpdesk-strings.ts";

/** Chips for labels, coloured by each label's colour. */
export function LabelChips(props: { labels: readonly LabelChipDTO[] }) {
  if (props.labels.length === 0) return null;
  return (
    <span class="label-chips" data-testid="label-chips">
      {props.labels.map((l) => (
        <span key={l.id} class="label-chip" style={{ borderColor: l.color, color: l.color }} data-testid="label-chip">
          <i class="label-chip__dot" style={{ background: l.color }} aria-hidden="true" />
          {l.name}
        </span>
      ))}
    </span>
  );
}

/** Every label, loaded once per page view. */
export function useLabels(): { labels: LabelDTO[] | null; failed: boolean } {
  const [state, setState] = useState<{ labels: LabelDTO[] | null; failed: boolean }>({ labels: null, failed: false });
  useEffect(() => {
    listLabels().then(
      (labels) => setState({ labels, failed: false }),
      () => setState({ labels: null, failed: true }),
    );
  }, []);
  return state;
}

/** The "Labels" button and its popover; `onError` shows a failure in the console's banner. */
export function LabelPicker(props: { conversationId: string; current: readonly LabelChipDTO[]; onError: (message: string) => void }) {
  const [open, setOpen] = useState(false);
  const { labels, failed } = useLabels();
  const [saving, setSaving] = useState(false);
  // Ticked at once; the conversation's update over the socket confirms it (or a failure puts it back).
  const [chosen, setChosen] = useState<Set<string>>(new Set(props.current.map((l) => l.id)));
  const currentKey = props.current.map((l) => l.id).join(",");
  useEffect(() => setChosen(new Set(currentKey ? currentKey.split(",") : [])), [currentKey, props.conversationId]);
  const popover = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return undefined;
    popover.current?.querySelector<HTMLInputElement>("input")?.focus();
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === "Escape") setOpen(false);
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [open]);

  const toggle = async (label: LabelDTO, on: boolean): Promise<void> => {
    const ids = new Set(chosen);
    if (on) ids.add(label.id);
    else ids.delete(label.id);
    setChosen(ids);
    setSaving(true);
    try {
      // The conversation's update comes back over the socket and redraws the chips.
      await setConversationLabels(props.conversationId, [...ids]);
    } catch (error) {
      setChosen(new Set(props.current.map((l) => l.id)));
      props.onError(error instanceof Error ? error.message : HELPDESK_TEXT.labelsFailed);
    } finally {
      setSaving(false);
    }
  };

  return (
    <div class="label-picker">
      <button type="button" class="button button--secondary button--small" aria-expanded={open} onClick={() => setOpen(!open)} data-testid="labels-edit">
        {HELPDESK_TEXT.labels}
      </button>
      {open ? (
        <div class="label-picker__popover" ref={popover} role="dialog" aria-label={HELPDESK_TEXT.labelsEdit} data-testid="labels-popover">
          {failed ? <p role="alert">{HELPDESK_TEXT.labelsFailed}</p> : null}
          {!failed && labels === null ? <p>…</p> : null}
          {labels && labels.length === 0 ? <p>{HELPDESK_TEXT.labelsNone}</p> : null}
          {labels?.map((label) => (
            <label key={label.id} class="label-picker__option">
              <input
                type="checkbox"
                checked={chosen.has(label.id)}
                disabled={saving}
                onChange={(e) => void toggle(label, e.currentTarget.checked)}
                data-testid="label-option"
                data-label={label.name}
              />
              <i class="label-chip__dot" style={{ background: label.color }} aria-hidden="true" />
              {label.name}
            </label>
          ))}
        </div>
      ) : null}
    </div>
  );
}
