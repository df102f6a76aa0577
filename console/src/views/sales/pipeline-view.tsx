/** The pipeline board: a column per stage with its totals, deal cards moved by drag and drop or by keyboard, optimistically. */
import { useEffect, useRef, useState } from "preact/hooks";
import type { UserDTO } from "../../../../src/contracts/api.ts";
import type { DealDTO, DealStageDTO, PipelineDTO } from "../../../../src/contracts/sales.ts";
import { can } from "../../../../src/contracts/permissions.ts";
import * as salesApi from "../../api/sales-endpoints.ts";
import type { CrmOperations } from "../../controller/crm-operations.ts";
import { formatMoney } from "../../crm-format.ts";
import { PIPELINE_TEXT } from "../../sales-strings.ts";
import { buildColumns, moveDeal, replaceDeal, type BoardColumn } from "../../store/pipeline-board.ts";
import { EmptyState } from "../common.tsx";
import { ErrorState, Loading, useLoad } from "../crm/ui.tsx";
import { NewDealDialog } from "./new-deal-dialog.tsx";
import { PipelineColumn } from "./pipeline-column.tsx";
import { SalesShell } from "./sales-shell.tsx";
import { useReloadOn } from "./use-reload-on.ts";

/** How many deals each column shows. */
const PER_STAGE = 50;

type Board = { stages: DealStageDTO[]; columns: BoardColumn[]; pipeline: PipelineDTO };

/** Whether a deal belongs on the board: open ones always; won and lost ones when closed in the pipeline's period, as its totals count them. */
function inPeriod(deal: DealDTO, pipeline: PipelineDTO): boolean {
  if (deal.stage.outcome === "open") return true;
  return deal.closedAt !== null && deal.closedAt >= pipeline.forecast.from && deal.closedAt < pipeline.forecast.to;
}

async function loadBoard(): Promise<Board> {
  // The server scopes the pipeline: everyone's for managers and admins, an agent's own deals for an agent.
  const [stages, pipeline] = await Promise.all([salesApi.listStages(), salesApi.getPipeline()]);
  const pages = await Promise.all(stages.map((s) => salesApi.listDeals({ stage: s.key, limit: PER_STAGE })));
  const deals: Record<string, DealDTO[]> = {};
  stages.forEach((s, i) => (deals[s.id] = (pages[i]?.data ?? []).filter((d) => inPeriod(d, pipeline))));
  return { stages: [...stages].sort((a, b) => a.position - b.position), columns: buildColumns(stages, deals, pipeline), pipeline };
}

/** The page. */
export function PipelineView(props: { crm: CrmOperations; user: UserDTO; version: number }) {
  const { crm, user } = props;
  // Moves made so far: a board fetched before the latest move finished would put its card back, so it is not shown.
  const moves = useRef(0);
  const [loaded, reload] = useLoad(crm, "pipeline", async () => {
    const movesBefore = moves.current;
    return { ...(await loadBoard()), movesBefore };
  });
  // Another user's change (or this one's, echoed) refreshes the board in place: the cards and the focus stay.
  useReloadOn(props.version, reload);
  const [columns, setColumns] = useState<BoardColumn[]>([]);
  const [dragging, setDragging] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const [moveError, setMoveError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const focusAfter = useRef<string | null>(null);
  const columnsRef = useRef(columns);
  columnsRef.current = columns;
  useEffect(() => {
    if (loaded.state === "loaded" && loaded.data.movesBefore === moves.current) setColumns(loaded.data.columns);
  }, [loaded]);
  useEffect(() => {
    if (!focusAfter.current) return;
    document.querySelector<HTMLElement>(`[data-testid=deal-card][data-deal-id="${focusAfter.current}"]`)?.focus();
    focusAfter.current = null;
  }, [columns]);

  const canEdit = (ownerId: string | null): boolean => can(user.role, "deal.edit", ownerId === null ? "unassigned" : ownerId === user.id ? "own" : "others");
  const move = async (dealId: string, stageId: string): Promise<void> => {
    const before = columnsRef.current;
    const after = moveDeal(before, dealId, stageId);
    if (after === before) return;
    const deal = before.flatMap((c) => c.deals).find((d) => d.id === dealId);
    const stage = after.find((c) => c.stage.id === stageId)?.stage;
    if (!deal || !stage) return;
    setMoveError(null);
    focusAfter.current = dealId;
    setColumns(after);
    setAnnouncement(`${deal.title} ${PIPELINE_TEXT.moved} ${stage.name}.`);
    const result = await crm.attempt(() => salesApi.updateDeal(dealId, { stage: stage.key }));
    moves.current += 1;
    if (!result.ok) {
      // Undo only this move: another one made meanwhile stays.
      focusAfter.current = dealId;
      setColumns((now) => moveDeal(now, dealId, deal.stage.id));
      setMoveError(`${PIPELINE_TEXT.moveFailed} ${result.failure.message}`);
      setAnnouncement(PIPELINE_TEXT.moveFailed);
      return;
    }
    setColumns((now) => replaceDeal(now, result.data));
    // The server's totals (every deal, not only the ones shown) are fetched again quietly.
    void crm.attempt(() => salesApi.getPipeline()).then((p) => p.ok && setColumns((now) => now.map((c) => ({ ...c, ...totalsOf(p.data, c) }))));
  };

  const currency = loaded.state === "loaded" ? loaded.data.pipeline.currency : "USD";
  const empty = loaded.state === "loaded" && columns.every((c) => c.count === 0);
  let body;
  if (loaded.state === "loading") body = <Loading testId="pipeline-loading" />;
  else if (loaded.state === "error") body = <ErrorState title={PIPELINE_TEXT.failed} message={loaded.failure.message} onRetry={reload} testId="pipeline-error" />;
  else {
    body = (
      <>
        {empty ? <EmptyState title={PIPELINE_TEXT.noDeals} hint={PIPELINE_TEXT.noDealsHint} testId="pipeline-empty" /> : null}
        <div class="board" data-testid="pipeline-board">
          {columns.map((column) => (
            <PipelineColumn
              key={column.stage.id}
              column={column}
              stages={loaded.data.stages}
              currency={currency}
              canEdit={canEdit}
              onOpen={(id) => crm.openSales("deal", id)}
              onMove={(dealId, stageId) => void move(dealId, stageId)}
              dragging={dragging}
              setDragging={setDragging}
            />
          ))}
        </div>
      </>
    );
  }
  const forecast = loaded.state === "loaded" ? loaded.data.pipeline.forecast : undefined;
  return (
    <SalesShell
      user={user}
      crm={crm}
      page="pipeline"
      title={PIPELINE_TEXT.title}
      testId="pipeline-view"
      state={loaded.state}
      wide
      actions={
        can(user.role, "deal.create") ? (
          <button type="button" class="button button--primary" disabled={loaded.state !== "loaded"} onClick={() => setCreating(true)} data-testid="new-deal">
            {PIPELINE_TEXT.newDeal}
          </button>
        ) : null
      }
    >
      <p class="card__muted sales-hint">
        {PIPELINE_TEXT.hint}
        {forecast ? (
          <span class="sales-hint__forecast" data-testid="pipeline-forecast">
            {" "}
            {PIPELINE_TEXT.forecast}: <strong>{formatMoney(forecast.weightedAmountCents, currency)}</strong>
          </span>
        ) : null}
      </p>
      {moveError ? (
        <div class="banner banner--error" role="alert" data-testid="move-error">
          <span class="banner__text">{moveError}</span>
          <button type="button" class="banner__close" aria-label="Dismiss" onClick={() => setMoveError(null)}>
            ×
          </button>
        </div>
      ) : null}
      <p class="visually-hidden" role="status" aria-live="polite" data-testid="board-announcement">
        {announcement}
      </p>
      {body}
      {creating && loaded.state === "loaded" ? (
        <NewDealDialog
          crm={crm}
          stages={loaded.data.stages}
          onClose={() => setCreating(false)}
          onCreated={() => {
            setCreating(false);
            reload();
          }}
        />
      ) : null}
    </SalesShell>
  );
}

function totalsOf(pipeline: PipelineDTO, column: BoardColumn): Partial<BoardColumn> {
  const s = pipeline.stages.find((x) => x.stage.id === column.stage.id);
  return s ? { count: s.count, amountCents: s.amountCents, weightedAmountCents: s.weightedAmountCents } : {};
}
