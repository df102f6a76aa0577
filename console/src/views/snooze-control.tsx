/** Snooze the open ticket until a chosen time (presets or a picked date and time), or wake it now. */
import { useState } from "preact/hooks";
import { AGENT_TOOLS_TEXT as T } from "../agent-tools-strings.ts";

type Preset = "hour" | "tomorrow" | "nextWeek" | "custom";

/** The time a preset means, from now (local time: "tomorrow 9:00" is the agent's morning). */
export function presetTime(preset: Exclude<Preset, "custom">, now = new Date()): Date {
  if (preset === "hour") return new Date(now.getTime() + 3_600_000);
  const at = new Date(now);
  at.setHours(9, 0, 0, 0);
  if (preset === "tomorrow") at.setDate(at.getDate() + 1);
  else at.setDate(at.getDate() + (((8 - at.getDay()) % 7) || 7));
  return at;
}

/** The snooze row of the ticket card. */
export function SnoozeControl(props: { snoozedUntil: string | null; disabled: boolean; onSnooze: (until: string | null) => void }) {
  const [preset, setPreset] = useState<Preset>("hour");
  const [custom, setCustom] = useState("");
  if (props.snoozedUntil && new Date(props.snoozedUntil).getTime() > Date.now()) {
    return (
      <div class="snooze" data-testid="snoozed">
        <span class="snooze__until">
          {T.snoozedUntil} {new Date(props.snoozedUntil).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" })}
        </span>
        <button type="button" class="button button--secondary button--small" onClick={() => props.onSnooze(null)} data-testid="snooze-wake">
          {T.wake}
        </button>
      </div>
    );
  }
  const until = preset === "custom" ? (custom ? new Date(custom) : null) : presetTime(preset);
  return (
    <form
      class="snooze"
      onSubmit={(e) => {
        e.preventDefault();
        if (until && !Number.isNaN(until.getTime())) props.onSnooze(until.toISOString());
      }}
    >
      <select class="select select--compact" aria-label={T.snoozeLabel} value={preset} onChange={(e) => setPreset(e.currentTarget.value as Preset)} data-testid="snooze-preset">
        <option value="hour">{T.snoozeHour}</option>
        <option value="tomorrow">{T.snoozeTomorrow}</option>
        <option value="nextWeek">{T.snoozeNextWeek}</option>
        <option value="custom">{T.snoozeCustom}</option>
      </select>
      {preset === "custom" ? (
        <input class="input input--compact" type="datetime-local" aria-label={T.snoozeLabel} value={custom} onInput={(e) => setCustom(e.currentTarget.value)} data-testid="snooze-custom" />
      ) : null}
      <button type="submit" class="button button--secondary button--small" disabled={props.disabled || !until} data-testid="snooze-apply">
        {T.snoozeApply}
      </button>
    </form>
  );
}
