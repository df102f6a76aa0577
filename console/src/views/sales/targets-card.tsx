/** Targets and attainment per rep for a period: target against won as bars (uPlot), and the figures in a table; managers set a rep's target. */
import { useMemo, useState } from "preact/hooks";
import type { UserDTO } from "../../../../src/contracts/api.ts";
import type { TargetRowDTO } from "../../../../src/contracts/sales.ts";
import { can } from "../../../../src/contracts/permissions.ts";
import * as salesApi from "../../api/sales-endpoints.ts";
import type { CrmOperations } from "../../controller/crm-operations.ts";
import { formatMoney } from "../../crm-format.ts";
import { CRM_TEXT } from "../../crm-strings.ts";
import { DASHBOARD_TEXT, SALES_TEXT } from "../../sales-strings.ts";
import { amountInput, parseAmount } from "../../sales-format.ts";
import { ErrorState, Loading, useLoad } from "../crm/ui.tsx";
import { barOptions, Chart } from "./chart.tsx";

function rowName(row: TargetRowDTO): string {
  if (row.owner) return row.owner.name ?? row.owner.id;
  return row.team === "all" ? DASHBOARD_TEXT.wholeTeam : `${DASHBOARD_TEXT.team} ${row.team ?? ""}`;
}

function TargetInput(props: { row: TargetRowDTO; onSave: (cents: number) => Promise<string | null> }) {
  const [text, setText] = useState(amountInput(props.row.targetCents));
  const [problem, setProblem] = useState<string | null>(null);
  const cents = parseAmount(text);
  return (
    <form
      class="inline-edit"
      onSubmit={(e) => {
        e.preventDefault();
        if (cents !== null) void props.onSave(cents).then(setProblem);
      }}
    >
      <label>
        <span class="visually-hidden">
          {DASHBOARD_TEXT.target} {rowName(props.row)}
        </span>
        <input class="input input--small" inputMode="decimal" value={text} onInput={(e) => setText(e.currentTarget.value)} data-testid="target-input" />
      </label>
      <button type="submit" class="button button--secondary button--small" disabled={cents === null || cents === props.row.targetCents}>
        {CRM_TEXT.save}
      </button>
      {problem ? <span class="field__error">{problem}</span> : null}
    </form>
  );
}

/** The card. */
export function TargetsCard(props: { crm: CrmOperations; user: UserDTO; period: string }) {
  const { crm, period } = props;
  const [loaded, reload, set] = useLoad(crm, period, () => salesApi.getTargets(period));
  const [editing, setEditing] = useState(false);
  const rows = loaded.state === "loaded" ? loaded.data : [];
  const currency = rows[0]?.currency ?? "USD";
  const chart = useMemo(
    () => ({
      options: barOptions(rows.map(rowName), [{ label: DASHBOARD_TEXT.target, color: "#cbd5e1" }, { label: DASHBOARD_TEXT.won, color: "#16a34a" }], currency, SALES_TEXT.owner),
      data: [rows.map((_r, i) => i), rows.map((r) => r.targetCents), rows.map((r) => r.wonCents)] as [number[], number[], number[]],
    }),
    [rows, currency],
  );
  const canSet = can(props.user.role, "sales.target");
  const save = async (row: TargetRowDTO, cents: number): Promise<string | null> => {
    if (!row.owner) return null;
    const ownerId = row.owner.id;
    const result = await crm.attempt(() => salesApi.setTarget({ ownerId, period, amountCents: cents }));
    if (!result.ok) return result.failure.message;
    crm.toast(DASHBOARD_TEXT.targetSaved);
    set(rows.map((r) => (r.owner?.id === ownerId ? result.data : r)));
    return null;
  };
  let body;
  if (loaded.state === "loading") body = <Loading />;
  else if (loaded.state === "error") body = <ErrorState title={DASHBOARD_TEXT.failed} message={loaded.failure.message} onRetry={reload} testId="targets-error" />;
  else if (rows.length === 0) body = <p class="card__muted" data-testid="targets-empty">{DASHBOARD_TEXT.noTargets}</p>;
  else {
    body = (
      <>
        <Chart options={chart.options} data={chart.data} height={200} testId="targets-chart" />
        <table class="report-table crm-table" data-testid="targets-table">
          <thead>
            <tr>
              <th scope="col">{SALES_TEXT.owner}</th>
              <th scope="col" class="num">{DASHBOARD_TEXT.target}</th>
              <th scope="col" class="num">{DASHBOARD_TEXT.won}</th>
              <th scope="col" class="num">{DASHBOARD_TEXT.attainment}</th>
              <th scope="col" class="num">{DASHBOARD_TEXT.pipeline}</th>
              <th scope="col" class="num">{DASHBOARD_TEXT.gap}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.owner?.id ?? r.team ?? ""} data-testid="target-row" data-owner-id={r.owner?.id ?? ""}>
                <td class="crm-table__name">{rowName(r)}</td>
                <td class="num">{editing && r.owner ? <TargetInput row={r} onSave={(c) => save(r, c)} /> : formatMoney(r.targetCents, r.currency)}</td>
                <td class="num" data-testid="target-won">{formatMoney(r.wonCents, r.currency)}</td>
                <td class="num" data-testid="target-attainment">
                  <span class="attainment">
                    <meter min={0} max={100} value={Math.min(100, r.attainmentPercent ?? 0)} aria-hidden="true" />
                    {r.attainmentPercent === null ? "—" : `${r.attainmentPercent.toFixed(1)}%`}
                  </span>
                </td>
                <td class="num">{formatMoney(r.weightedPipelineCents, r.currency)}</td>
                <td class="num">{formatMoney(r.gapCents, r.currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </>
    );
  }
  return (
    <section class="card sales-card sales-card--wide" aria-labelledby="targets-title" data-testid="targets-card" data-state={loaded.state}>
      <div class="sales-card__head">
        <h2 class="card__title" id="targets-title">
          {DASHBOARD_TEXT.targets} <span class="card__muted">{period}</span>
        </h2>
        {canSet && rows.length > 0 ? (
          <button type="button" class="link" onClick={() => setEditing((e) => !e)} aria-pressed={editing} data-testid="targets-edit">
            {editing ? CRM_TEXT.close : DASHBOARD_TEXT.setTarget}
          </button>
        ) : null}
      </div>
      {body}
    </section>
  );
}
