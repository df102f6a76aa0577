/** Settings → Inboxes → Hours: an inbox's weekly hours, holidays, IANA time zone and offline message, checked by the server. */
import { Fragment } from "preact";
import { useEffect, useState } from "preact/hooks";
import { WEEKDAYS, type BusinessHours, type TimeRange, type Weekday } from "../../../../src/contracts/sla.ts";
import type { InboxDTO } from "../../../../src/contracts/channels.ts";
import { clearBusinessHours, getBusinessHours, setBusinessHours } from "../../api/sla-endpoints.ts";
import type { CrmFailure, CrmOperations } from "../../controller/crm-operations.ts";
import { BUSINESS_HOURS_TEXT as T } from "../../sla-strings.ts";
import { Dialog, ErrorState, Loading } from "../crm/ui.tsx";

type Form = { timeZone: string; days: Record<Weekday, string>; holidays: string; offlineMessage: string };

const defaultZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;
const rangesText = (list: TimeRange[]): string => list.map((r) => `${r.start}-${r.end}`).join(", ");

function formOf(hours: BusinessHours | null): Form {
  const weekday = "09:00-17:00";
  const days = Object.fromEntries(WEEKDAYS.map((d) => [d, hours ? rangesText(hours.weekly[d] ?? []) : d === "sat" || d === "sun" ? "" : weekday])) as Record<Weekday, string>;
  return { timeZone: hours?.timeZone ?? defaultZone(), days, holidays: hours?.holidays.join(", ") ?? "", offlineMessage: hours?.offlineMessage ?? "" };
}

/** Parses "09:00-12:00, 13:00-17:00" into ranges; the first piece that is not a range is returned as the error. */
function parseRanges(text: string): { ranges: TimeRange[] } | { error: string } {
  const ranges: TimeRange[] = [];
  for (const piece of text.split(",").map((s) => s.trim()).filter(Boolean)) {
    const match = /^(\d{1,2}:\d{2})\s*[-–]\s*(\d{1,2}:\d{2})$/.exec(piece);
    if (!match) return { error: T.badRange(piece) };
    ranges.push({ start: match[1].padStart(5, "0"), end: match[2].padStart(5, "0") });
  }
  return { ranges };
}

/** The first server message about a day ("weekly.mon.1" → Monday's field). */
function dayError(failure: CrmFailure | null, day: Weekday): string | undefined {
  const key = Object.keys(failure?.fields ?? {}).find((k) => k === `weekly.${day}` || k.startsWith(`weekly.${day}.`));
  return key ? failure?.fields?.[key] : undefined;
}

/** The dialog; `onSaved` after a save or a removal. */
export function BusinessHoursDialog(props: { crm: CrmOperations; inbox: InboxDTO; onClose: () => void; onSaved: () => void }) {
  const { crm, inbox } = props;
  const [form, setForm] = useState<Form | null>(null);
  const [loadFailure, setLoadFailure] = useState<string | null>(null);
  const [failure, setFailure] = useState<CrmFailure | null>(null);
  const [localErrors, setLocalErrors] = useState<Partial<Record<Weekday, string>>>({});
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    let live = true;
    void crm.attempt(() => getBusinessHours(inbox.id)).then((result) => {
      if (!live) return;
      if (result.ok) setForm(formOf(result.data.businessHours));
      else setLoadFailure(result.failure.message);
    });
    return () => {
      live = false;
    };
  }, [inbox.id]);
  const save = async (e: Event): Promise<void> => {
    e.preventDefault();
    if (!form || busy) return;
    const errors: Partial<Record<Weekday, string>> = {};
    const weekly = {} as Record<Weekday, TimeRange[]>;
    for (const day of WEEKDAYS) {
      const parsed = parseRanges(form.days[day]);
      if ("error" in parsed) errors[day] = parsed.error;
      else weekly[day] = parsed.ranges;
    }
    setLocalErrors(errors);
    if (Object.keys(errors).length) return;
    const holidays = form.holidays.split(",").map((s) => s.trim()).filter(Boolean);
    setBusy(true);
    const result = await crm.attempt(() => setBusinessHours(inbox.id, { timeZone: form.timeZone.trim(), weekly, holidays, offlineMessage: form.offlineMessage }));
    setBusy(false);
    if (!result.ok) return setFailure(result.failure);
    crm.toast(T.saved);
    props.onSaved();
  };
  const clear = async (): Promise<void> => {
    setBusy(true);
    const result = await crm.attempt(() => clearBusinessHours(inbox.id));
    setBusy(false);
    if (!result.ok) return setFailure(result.failure);
    props.onSaved();
  };
  return (
    <Dialog title={`${T.title}: ${inbox.name}`} onClose={props.onClose} testId="business-hours-dialog" wide>
      {loadFailure ? <ErrorState title={T.failed} message={loadFailure} testId="business-hours-error" /> : null}
      {!form && !loadFailure ? <Loading testId="business-hours-loading" label={T.loading} /> : null}
      {form ? (
        <form class="dialog__body" onSubmit={(e) => void save(e)}>
          <p class="inbox-hint">{T.intro}</p>
          {failure ? (
            <p class="field__error" role="alert" data-testid="business-hours-failure">
              {failure.message}
            </p>
          ) : null}
          <div class="field">
            <label class="field__label" for="bh-zone">
              {T.timeZone}
            </label>
            <input id="bh-zone" class="input" required value={form.timeZone} aria-describedby="bh-zone-hint" aria-invalid={failure?.fields?.timeZone ? "true" : undefined} onInput={(e) => setForm({ ...form, timeZone: e.currentTarget.value })} data-testid="business-hours-zone" />
            <span id="bh-zone-hint" class="inbox-hint">
              {failure?.fields?.timeZone ?? T.timeZoneHint}
            </span>
          </div>
          <fieldset class="field">
            <legend class="field__label">{T.ranges}</legend>
            <div class="hours-grid">
              {WEEKDAYS.map((day) => {
                const error = localErrors[day] ?? dayError(failure, day);
                return (
                  <Fragment key={day}>
                    <label for={`bh-${day}`}>{T.days[day]}</label>
                    <span>
                      <input id={`bh-${day}`} class="input" value={form.days[day]} aria-invalid={error ? "true" : undefined} onInput={(e) => setForm({ ...form, days: { ...form.days, [day]: e.currentTarget.value } })} data-testid={`business-hours-${day}`} />
                      {error ? (
                        <span class="field__error" role="alert" data-testid={`business-hours-${day}-error`}>
                          {error}
                        </span>
                      ) : null}
                    </span>
                  </Fragment>
                );
              })}
            </div>
          </fieldset>
          <div class="field">
            <label class="field__label" for="bh-holidays">
              {T.holidays}
            </label>
            <input id="bh-holidays" class="input" value={form.holidays} onInput={(e) => setForm({ ...form, holidays: e.currentTarget.value })} data-testid="business-hours-holidays" />
          </div>
          <div class="field">
            <label class="field__label" for="bh-offline">
              {T.offlineMessage}
            </label>
            <textarea id="bh-offline" class="input" rows={3} maxLength={1000} value={form.offlineMessage} onInput={(e) => setForm({ ...form, offlineMessage: e.currentTarget.value })} data-testid="business-hours-offline" />
          </div>
          <div class="dialog__actions">
            <button type="button" class="button button--secondary" onClick={() => void clear()} disabled={busy} data-testid="business-hours-clear">
              {T.clear}
            </button>
            <button type="button" class="button button--secondary" onClick={props.onClose}>
              {T.cancel}
            </button>
            <button type="submit" class="button button--primary" disabled={busy} data-testid="business-hours-save">
              {busy ? T.saving : T.save}
            </button>
          </div>
        </form>
      ) : null}
    </Dialog>
  );
}
