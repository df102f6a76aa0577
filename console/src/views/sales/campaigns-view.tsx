/** The Campaigns page (managers and admins): the campaigns, a new campaign to a segment or tag, start and pause, and each one's results with a chart. */
import { useMemo, useState } from "preact/hooks";
import type { Page } from "../../../../src/contracts/api.ts";
import type { CampaignAudienceDTO, CampaignDTO, CampaignResultsDTO } from "../../../../src/contracts/campaigns.ts";
import type UPlotType from "uplot";
import * as campaignApi from "../../api/campaign-endpoints.ts";
import { CAMPAIGN_STATUS_TEXT, CAMPAIGNS_TEXT } from "../../campaign-strings.ts";
import type { CrmOperations } from "../../controller/crm-operations.ts";
import { formatMoney } from "../../crm-format.ts";
import { formatNumber } from "../../format.ts";
import { CRM_TEXT } from "../../crm-strings.ts";
import { SALES_TEXT } from "../../sales-strings.ts";
import { Dialog, ErrorState, Loading, useLoad } from "../crm/ui.tsx";
import { CampaignForecast } from "./campaign-forecast.tsx";
import { Chart, type ChartOptions } from "./chart.tsx";
import { SalesListPage, type ListColumn, type ListContent } from "./list-page.tsx";
import type { UserDTO } from "../../../../src/contracts/api.ts";

const FIGURES = ["sent", "delivered", "seen", "replied", "converted"] as const;
const COLORS = ["#3867d6", "#20bf6b"];

function audienceText(c: CampaignDTO): string {
  if ("segment" in c.audience) return `${CAMPAIGNS_TEXT.segment}: ${c.audience.segment}`;
  if ("topResponse" in c.audience) return CAMPAIGNS_TEXT.topResponseAudience(c.audience.topResponse.limit);
  const f = c.audience.filter;
  return [f.segment ? `${CAMPAIGNS_TEXT.segment}: ${f.segment}` : "", f.tag?.length ? `${CAMPAIGNS_TEXT.tag}: ${f.tag.join(", ")}` : "", f.q ? `“${f.q}”` : ""].filter(Boolean).join(" · ");
}

/** Grouped bars of each variant's counts (sent … converted). */
function countBars(variants: string[]): ChartOptions {
  return (uplot) => ({
    width: 0,
    height: 0,
    // One variant needs no key (the table names it).
    legend: { show: variants.length > 1 },
    cursor: { drag: { x: false, y: false } },
    scales: { x: { time: false, range: [-0.5, FIGURES.length - 0.5] }, y: { range: (_u: UPlotType, _min: number, max: number) => [0, Math.max(1, max) * 1.15] } },
    axes: [
      { stroke: "#66748a", grid: { show: false }, splits: () => FIGURES.map((_f, i) => i), values: (_u: UPlotType, splits: number[]) => splits.map((i) => CAMPAIGNS_TEXT[FIGURES[i] ?? "sent"]) },
      // Counts: whole-number ticks only.
      { stroke: "#66748a", grid: { stroke: "#eef1f5" }, size: 50, incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000] },
    ],
    series: [
      { label: "" },
      ...variants.map((name, i) => ({
        label: name,
        fill: COLORS[i % COLORS.length],
        stroke: COLORS[i % COLORS.length],
        width: 0,
        // Two variants side by side (as the sales charts pair target and won); more overlap, the table has the figures.
        paths: uplot.paths.bars?.({ size: [variants.length > 1 ? 0.4 : 0.6, 64], align: variants.length === 2 ? ((i === 0 ? -1 : 1) as -1 | 1) : 0 }),
        points: { show: false },
      })),
    ],
  });
}

function ResultsBody(props: { results: CampaignResultsDTO }) {
  const { results } = props;
  const names = results.variants.map((v) => v.name);
  const options = useMemo(() => countBars(names), [names.join("\u0000")]);
  const data = useMemo(() => [FIGURES.map((_f, i) => i), ...results.variants.map((v) => FIGURES.map((f) => v[f]))] as UPlotType.AlignedData, [results]);
  return (
    <div data-testid="campaign-results">
      {results.total.sent === 0 ? <p class="card__muted">{CAMPAIGNS_TEXT.noSends}</p> : <Chart options={options} data={data} height={220} testId="campaign-chart" />}
      <table class="report-table crm-table" data-testid="campaign-results-table">
        <thead>
          <tr>
            <th scope="col">{CAMPAIGNS_TEXT.variant}</th>
            {FIGURES.map((f) => (
              <th scope="col" class="num" key={f}>
                {CAMPAIGNS_TEXT[f]}
              </th>
            ))}
            <th scope="col" class="num">
              {CAMPAIGNS_TEXT.revenue}
            </th>
          </tr>
        </thead>
        <tbody>
          {results.variants.map((v) => (
            <tr key={v.name} data-testid="campaign-variant-row">
              <td>{v.name}</td>
              {FIGURES.map((f) => (
                <td class="num" key={f} data-testid={`variant-${f}`}>
                  {formatNumber(v[f])}
                </td>
              ))}
              <td class="num">{formatMoney(v.revenueCents, "USD")}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {results.variants.length > 1 ? (
        <ul class="card__muted" data-testid="campaign-significance">
          {results.significance.map((s) => (
            <li key={`${s.metric}-${s.variant}`}>
              {s.pValue === null ? CAMPAIGNS_TEXT.noTest : CAMPAIGNS_TEXT.significance(CAMPAIGNS_TEXT[s.metric], s.variant, s.base, s.pValue.toFixed(3), s.significant)}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function ResultsDialog(props: { crm: CrmOperations; campaign: CampaignDTO; onClose: () => void }) {
  const [loaded, reload] = useLoad(props.crm, props.campaign.id, () => campaignApi.campaignResults(props.campaign.id));
  let body;
  if (loaded.state === "loading") body = <Loading testId="campaign-results-loading" />;
  else if (loaded.state === "error") body = <ErrorState title={CAMPAIGNS_TEXT.resultsFailed} message={loaded.failure.message} onRetry={reload} testId="campaign-results-error" />;
  else body = <ResultsBody results={loaded.data} />;
  return (
    <Dialog title={CAMPAIGNS_TEXT.resultsOf(props.campaign.name)} onClose={props.onClose} testId="campaign-results-dialog" wide>
      {body}
    </Dialog>
  );
}

/** The audience the form describes: a segment, a tag filter, or the top N by response score. */
function audienceOf(kind: "segment" | "tag" | "top", value: string): CampaignAudienceDTO {
  if (kind === "top") return { topResponse: { limit: Number(value) } };
  return kind === "segment" ? { segment: value.trim() } : { filter: { tag: [value.trim()] } };
}

function NewCampaignDialog(props: { crm: CrmOperations; onClose: () => void; onCreated: (c: CampaignDTO) => void }) {
  const [name, setName] = useState("");
  const [kind, setKind] = useState<"segment" | "tag" | "top">("segment");
  const [value, setValue] = useState("");
  const [channel, setChannel] = useState<"widget" | "email">("widget");
  const [message, setMessage] = useState("Hi {{name}}, ");
  const [subject, setSubject] = useState("");
  const [throttle, setThrottle] = useState("");
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    const audience = audienceOf(kind, value);
    const result = await props.crm.attempt(() =>
      campaignApi.createCampaign({
        name,
        audience,
        channel,
        message,
        ...(channel === "email" && subject.trim() ? { subject } : {}),
        ...(throttle.trim() ? { throttle: Number(throttle) } : {}),
      }),
    );
    setBusy(false);
    if (!result.ok) {
      const fields = result.failure.fields ?? {};
      setProblem(Object.entries(fields).map(([k, m]) => `${k}: ${m}`).join("; ") || result.failure.message);
      return;
    }
    props.crm.toast(CAMPAIGNS_TEXT.created);
    props.onCreated(result.data);
  };
  return (
    <Dialog title={CAMPAIGNS_TEXT.newCampaign} onClose={props.onClose} testId="new-campaign-dialog">
      <form class="dialog__body form" onSubmit={(e) => void submit(e)}>
        <label class="field">
          <span class="field__label">{CAMPAIGNS_TEXT.name}</span>
          <input class="input" value={name} required maxLength={200} onInput={(e) => setName(e.currentTarget.value)} data-testid="campaign-name" />
        </label>
        <div class="field">
          <label class="field__label" for="campaign-audience-kind">
            {CAMPAIGNS_TEXT.audienceKind}
          </label>
          <select id="campaign-audience-kind" class="select select--field" value={kind} onChange={(e) => setKind(e.currentTarget.value as "segment" | "tag" | "top")} data-testid="campaign-audience-kind">
            <option value="segment">{CAMPAIGNS_TEXT.bySegment}</option>
            <option value="tag">{CAMPAIGNS_TEXT.byTag}</option>
            <option value="top">{CAMPAIGNS_TEXT.byResponse}</option>
          </select>
        </div>
        <label class="field">
          <span class="field__label">{kind === "segment" ? CAMPAIGNS_TEXT.segment : kind === "tag" ? CAMPAIGNS_TEXT.tag : CAMPAIGNS_TEXT.topCount}</span>
          {kind === "top" ? (
            <input class="input" type="number" min={1} value={value} required onInput={(e) => setValue(e.currentTarget.value)} data-testid="campaign-audience" />
          ) : (
            <input class="input" value={value} required onInput={(e) => setValue(e.currentTarget.value)} data-testid="campaign-audience" />
          )}
          {kind === "segment" ? <span class="field__hint">{CAMPAIGNS_TEXT.segmentHint}</span> : null}
          {kind === "top" ? <span class="field__hint">{CAMPAIGNS_TEXT.topHint}</span> : null}
        </label>
        <div class="field">
          <label class="field__label" for="campaign-channel">
            {CAMPAIGNS_TEXT.channel}
          </label>
          <select id="campaign-channel" class="select select--field" value={channel} onChange={(e) => setChannel(e.currentTarget.value as "widget" | "email")} data-testid="campaign-channel">
            <option value="widget">{CAMPAIGNS_TEXT.widget}</option>
            <option value="email">{CAMPAIGNS_TEXT.email}</option>
          </select>
        </div>
        {channel === "email" ? (
          <label class="field">
            <span class="field__label">{CAMPAIGNS_TEXT.subject}</span>
            <input class="input" value={subject} maxLength={200} onInput={(e) => setSubject(e.currentTarget.value)} data-testid="campaign-subject" />
          </label>
        ) : null}
        <label class="field">
          <span class="field__label">{CAMPAIGNS_TEXT.message}</span>
          <textarea class="input" rows={4} value={message} required onInput={(e) => setMessage(e.currentTarget.value)} data-testid="campaign-message" />
          <span class="field__hint">{CAMPAIGNS_TEXT.messageHint}</span>
        </label>
        <CampaignForecast crm={props.crm} request={() => (value.trim() && message.trim() ? { audience: audienceOf(kind, value), channel, message } : null)} />
        <label class="field">
          <span class="field__label">{CAMPAIGNS_TEXT.throttle}</span>
          <input class="input" type="number" min={1} value={throttle} onInput={(e) => setThrottle(e.currentTarget.value)} data-testid="campaign-throttle" />
        </label>
        {problem ? (
          <p class="field__error" role="alert" data-testid="campaign-problem">
            {problem}
          </p>
        ) : null}
        <div class="dialog__actions">
          <button type="button" class="button button--secondary" onClick={props.onClose}>
            {CRM_TEXT.cancel}
          </button>
          <button type="submit" class="button" disabled={busy} data-testid="campaign-create">
            {busy ? CAMPAIGNS_TEXT.creating : CAMPAIGNS_TEXT.create}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** The page. */
export function CampaignsView(props: { crm: CrmOperations; user: UserDTO }) {
  const { crm } = props;
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [version, setVersion] = useState(0);
  const [creating, setCreating] = useState(false);
  const [showing, setShowing] = useState<CampaignDTO | null>(null);
  const cursor = cursors[cursors.length - 1] ?? null;
  const [loaded, reload] = useLoad<Page<CampaignDTO>>(crm, JSON.stringify([cursor, version]), () => campaignApi.listCampaigns(cursor));
  const act = async (c: CampaignDTO, action: "start" | "pause"): Promise<void> => {
    const result = await crm.attempt(() => (action === "start" ? campaignApi.startCampaign(c.id) : campaignApi.pauseCampaign(c.id)));
    crm.toast(result.ok ? (action === "start" ? CAMPAIGNS_TEXT.started : CAMPAIGNS_TEXT.paused) : result.failure.message);
    setVersion((v) => v + 1);
  };
  const columns: ListColumn[] = [{ label: CAMPAIGNS_TEXT.name }, { label: CAMPAIGNS_TEXT.audience }, { label: CAMPAIGNS_TEXT.channel }, { label: CAMPAIGNS_TEXT.status }, { label: CAMPAIGNS_TEXT.actions, hidden: true }];
  let content: ListContent;
  if (loaded.state === "loading") content = { state: "loading" };
  else if (loaded.state === "error") content = { state: "error", title: CAMPAIGNS_TEXT.failed, message: loaded.failure.message, onRetry: reload };
  else if (loaded.data.data.length === 0) content = { state: "empty", title: CAMPAIGNS_TEXT.empty, hint: CAMPAIGNS_TEXT.emptyHint };
  else content = { state: "rows" };
  const rows =
    loaded.state === "loaded"
      ? loaded.data.data.map((c) => (
          <tr key={c.id} data-testid="campaign-row" data-campaign-id={c.id} data-status={c.status}>
            <td class="crm-table__name">{c.name}</td>
            <td>{audienceText(c)}</td>
            <td>{c.channel === "widget" ? CAMPAIGNS_TEXT.widget.split(" (")[0] : CAMPAIGNS_TEXT.email}</td>
            <td data-testid="campaign-status">{CAMPAIGN_STATUS_TEXT[c.status]}</td>
            <td class="crm-table__actions">
              {c.status === "draft" || c.status === "scheduled" || c.status === "paused" ? (
                <button type="button" class="button button--small" onClick={() => void act(c, "start")} data-testid="campaign-start">
                  {CAMPAIGNS_TEXT.start}
                </button>
              ) : null}
              {c.status === "running" || c.status === "scheduled" ? (
                <button type="button" class="button button--secondary button--small" onClick={() => void act(c, "pause")} data-testid="campaign-pause">
                  {CAMPAIGNS_TEXT.pause}
                </button>
              ) : null}
              <button type="button" class="button button--secondary button--small" onClick={() => setShowing(c)} data-testid="campaign-results-open">
                {CAMPAIGNS_TEXT.results}
              </button>
            </td>
          </tr>
        ))
      : null;
  const next = loaded.state === "loaded" ? loaded.data.nextCursor : null;
  return (
    <SalesListPage
      user={props.user}
      crm={crm}
      page="campaigns"
      name="campaigns"
      title={CAMPAIGNS_TEXT.title}
      shellState={loaded.state}
      actions={
        <button type="button" class="button" onClick={() => setCreating(true)} data-testid="campaign-new">
          {CAMPAIGNS_TEXT.newCampaign}
        </button>
      }
      toolbar={null}
      columns={columns}
      content={content}
      rows={rows}
    >
      {cursors.length > 1 || next ? (
        <nav class="pager" aria-label={SALES_TEXT.page}>
          <button type="button" class="button button--secondary" disabled={cursors.length < 2} onClick={() => setCursors((cs) => cs.slice(0, -1))}>
            {SALES_TEXT.previous}
          </button>
          <span class="card__muted">
            {SALES_TEXT.page} {cursors.length}
          </span>
          <button type="button" class="button button--secondary" disabled={!next} onClick={() => setCursors((cs) => [...cs, next])}>
            {SALES_TEXT.next}
          </button>
        </nav>
      ) : null}
      {creating ? (
        <NewCampaignDialog
          crm={crm}
          onClose={() => setCreating(false)}
          onCreated={() => {
            setCreating(false);
            setCursors([null]);
            setVersion((v) => v + 1);
          }}
        />
      ) : null}
      {showing ? <ResultsDialog crm={crm} campaign={showing} onClose={() => setShowing(null)} /> : null}
    </SalesListPage>
  );
}
