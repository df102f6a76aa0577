/**
 * The sentiment and service tabs' filters: a select per channel, inbox, agent, team, intent and segment. The choices
 * are the values that have customer messages in the period (the sentiment report grouped by each, unfiltered, with
 * the server's names), so a manager picks among what there is; a value from a shared link stays selectable.
 */
import * as reportsApi from "../../api/report-endpoints.ts";
import type { CrmOperations } from "../../controller/crm-operations.ts";
import { FILTER_TEXT } from "../../reports-strings.ts";
import { CHANNEL_NAMES } from "../../strings.ts";
import { useLoad } from "../crm/ui.tsx";
import { groupName } from "./report-figures.ts";
import { REPORT_FILTER_NAMES, type ReportFilterName, type ReportFilterValues } from "./report-query.ts";

type Choice = { value: string; name: string };
type Choices = Record<Exclude<ReportFilterName, "channel">, Choice[]>;

const LOOKED_UP = ["inbox", "agent", "team", "intent", "segment"] as const;

async function loadChoices(period: reportsApi.TrendQuery): Promise<Choices> {
  const { from, to, interval, timezone } = period;
  const reports = await Promise.all(LOOKED_UP.map((groupBy) => reportsApi.sentimentReport({ from, to, interval, timezone, groupBy })));
  const entries = LOOKED_UP.map((dim, i) => [
    dim,
    reports[i].groups
      .filter((g): g is typeof g & { key: string } => g.key !== null)
      .map((g) => ({ value: g.key, name: groupName(g, dim) }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  ]);
  return Object.fromEntries(entries) as Choices;
}

const CHANNEL_CHOICES: Choice[] = Object.entries(CHANNEL_NAMES).map(([value, name]) => ({ value, name }));

/** The filter bar; `period` is the tab's unfiltered query (its period and zone), `onChange` sets the address's filters. */
export function ReportFilters(props: { crm: CrmOperations; period: reportsApi.TrendQuery; value: ReportFilterValues; onChange: (filters: ReportFilterValues) => void; testId: string }) {
  const { period, value } = props;
  const [loaded] = useLoad<Choices>(props.crm, `${period.from}|${period.to}|${period.timezone ?? ""}`, () => loadChoices(period));
  const choicesOf = (name: ReportFilterName): Choice[] => {
    const list = name === "channel" ? CHANNEL_CHOICES : loaded.state === "loaded" ? loaded.data[name] : [];
    const current = value[name];
    return current && !list.some((c) => c.value === current) ? [...list, { value: current, name: current }] : list;
  };
  const set = (name: ReportFilterName, v: string): void => props.onChange({ ...value, [name]: v || undefined });
  const any = REPORT_FILTER_NAMES.some((name) => value[name]);
  return (
    <div class="trend-filters" role="group" aria-label={FILTER_TEXT.label} data-testid={props.testId} data-state={loaded.state}>
      {REPORT_FILTER_NAMES.map((name) => (
        <label class="field trend-picker" key={name}>
          <span class="field__label">{FILTER_TEXT.names[name]}</span>
          <select
            class="select"
            value={value[name] ?? ""}
            disabled={name !== "channel" && loaded.state === "loading"}
            onChange={(e) => set(name, e.currentTarget.value)}
            data-testid={`${props.testId}-${name}`}
          >
            <option value="">{FILTER_TEXT.all[name]}</option>
            {choicesOf(name).map((c) => (
              <option key={c.value} value={c.value}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
      ))}
      {any ? (
        <button type="button" class="link" onClick={() => props.onChange({})} data-testid={`${props.testId}-clear`}>
          {FILTER_TEXT.clear}
        </button>
      ) : null}
    </div>
  );
}
