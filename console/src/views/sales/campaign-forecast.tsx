/** The new-campaign form's forecast: the predicted response rate and revenue before sending, with the regression's evaluation (docs/campaigns.md). */
import { useState } from "preact/hooks";
import type { CampaignAudienceDTO, CampaignForecastDTO } from "../../../../src/contracts/campaigns.ts";
import * as campaignApi from "../../api/campaign-endpoints.ts";
import { CAMPAIGNS_TEXT } from "../../campaign-strings.ts";
import type { CrmOperations } from "../../controller/crm-operations.ts";
import { formatNumber, formatShare } from "../../format.ts";

/** A "Forecast" button and what it found: figures, the not-enough-campaigns state, or the error. */
export function CampaignForecast(props: { crm: CrmOperations; request: () => { audience: CampaignAudienceDTO; channel: "widget" | "email"; message: string } | null }) {
  const [state, setState] = useState<{ kind: "idle" } | { kind: "loading" } | { kind: "error"; message: string } | { kind: "done"; forecast: CampaignForecastDTO }>({ kind: "idle" });
  const run = async () => {
    const body = props.request();
    if (!body) return setState({ kind: "error", message: CAMPAIGNS_TEXT.forecastNeedsAudience });
    setState({ kind: "loading" });
    const result = await props.crm.attempt(() => campaignApi.forecastCampaign(body));
    setState(result.ok ? { kind: "done", forecast: result.data } : { kind: "error", message: result.failure.message });
  };
  const body = () => {
    if (state.kind === "idle") return <p class="card__muted">{CAMPAIGNS_TEXT.forecastHint}</p>;
    if (state.kind === "loading") return <p class="card__muted">{CAMPAIGNS_TEXT.forecasting}</p>;
    if (state.kind === "error") return <p class="field__error" role="alert">{state.message}</p>;
    const f = state.forecast;
    if (f.status !== "ready") {
      return (
        <p class="card__muted" data-testid="campaign-forecast-empty">
          {CAMPAIGNS_TEXT.forecastAudience(formatNumber(f.audienceSize))} {f.message}
        </p>
      );
    }
    return (
      <div data-testid="campaign-forecast-result">
        <p>
          <strong data-testid="campaign-forecast-rate">{formatShare(f.responseRate ?? 0)}</strong> {CAMPAIGNS_TEXT.forecastRate(formatNumber(f.expectedResponders ?? 0), formatNumber(f.audienceSize))} ·{" "}
          <strong>{formatNumber(Math.round(f.revenue ?? 0))}</strong> {CAMPAIGNS_TEXT.forecastRevenue}
        </p>
        <p class="card__muted" data-testid="campaign-forecast-model">
          {CAMPAIGNS_TEXT.forecastModel(formatNumber(f.model.campaigns), (f.model.r2?.responseRate ?? 0).toFixed(2), formatShare(f.model.looMae?.responseRate ?? 0))}
        </p>
      </div>
    );
  };
  return (
    <div class="field campaign-forecast" aria-live="polite" data-testid="campaign-forecast">
      <div class="crm-actions">
        <span class="field__label">{CAMPAIGNS_TEXT.forecast}</span>
        <button type="button" class="button button--secondary button--small" disabled={state.kind === "loading"} onClick={() => void run()} data-testid="campaign-forecast-run">
          {CAMPAIGNS_TEXT.forecastRun}
        </button>
      </div>
      {body()}
    </div>
  );
}
