/**
 * The Service tab's CSAT section: how the ratings correlate with the NLP sentiment of the same conversations, and the
 * conversations where the two disagree, each a link to the conversation.
 */
import type { CsatDisagreement, CsatReportDTO } from "../../../../src/contracts/reports.ts";
import type { CrmOperations } from "../../controller/crm-operations.ts";
import { formatChannel, formatClock, formatDate, formatNumber, formatScore } from "../../format.ts";
import { CSAT_TEXT, FILTER_TEXT } from "../../reports-strings.ts";
import { ConversationLink, CsvLink } from "./report-controls.tsx";

function Disagreement(props: { d: CsatDisagreement; crm: CrmOperations }) {
  const { d, crm } = props;
  return (
    <tr data-testid="csat-disagreement" data-id={d.conversationId} data-kind={d.kind}>
      <td data-testid="csat-disagreement-kind">{CSAT_TEXT.kind[d.kind]}</td>
      <td class="num" data-testid="csat-disagreement-score">{`${d.score} / 5`}</td>
      <td class="num" data-testid="csat-disagreement-sentiment">{`${formatScore(Math.round(d.sentiment * 100) / 100)} (${formatNumber(d.messages)})`}</td>
      <td class="csat__comment" data-testid="csat-disagreement-comment">{d.comment ?? CSAT_TEXT.noComment}</td>
      <td>{`${formatDate(d.respondedAt)} ${formatClock(d.respondedAt)} · ${formatChannel(d.channel)}`}</td>
      <td>
        <ConversationLink crm={crm} conversationId={d.conversationId} testId="csat-disagreement-open">
          {CSAT_TEXT.openConversation}
        </ConversationLink>
      </td>
    </tr>
  );
}

/** The section; `csat` is GET /reports/csat for the tab's period and grouping. */
export function CsatSection(props: { crm: CrmOperations; csat: CsatReportDTO; csvHref: string; filtered: boolean }) {
  const { csat } = props;
  const r = csat.sentiment.pearson;
  return (
    <section class="card trend-card csat" aria-labelledby="csat-title" data-testid="csat-section">
      <div class="drill__head">
        <div>
          <h2 class="card__title drill__title" id="csat-title">
            {CSAT_TEXT.title}
          </h2>
          <p class="card__muted" data-testid="csat-correlation">
            {r === null ? CSAT_TEXT.noCorrelation(csat.sentiment.conversations) : CSAT_TEXT.correlation(r.toFixed(2), csat.sentiment.conversations)}
          </p>
          {props.filtered ? (
            <p class="card__muted" data-testid="csat-unfiltered">
              {FILTER_TEXT.csatUnfiltered}
            </p>
          ) : null}
        </div>
        <CsvLink href={props.csvHref} testId="csat-csv" />
      </div>
      <h3 class="csat__subtitle">{CSAT_TEXT.disagreements}</h3>
      {csat.disagreements.length === 0 ? (
        <p class="card__muted" data-testid="csat-no-disagreements">
          {CSAT_TEXT.noDisagreements}
        </p>
      ) : (
        <div class="table-scroll">
          <table class="report-table trend-table" data-testid="csat-disagreements">
            <caption class="trend-table__caption">{CSAT_TEXT.disagreementsHint}</caption>
            <thead>
              <tr>
                <th scope="col">{CSAT_TEXT.kindColumn}</th>
                <th scope="col" class="num">{CSAT_TEXT.rating}</th>
                <th scope="col" class="num" title={CSAT_TEXT.sentimentHint}>{CSAT_TEXT.sentiment}</th>
                <th scope="col">{CSAT_TEXT.comment}</th>
                <th scope="col">{CSAT_TEXT.answered}</th>
                <th scope="col"><span class="visually-hidden">{CSAT_TEXT.openConversation}</span></th>
              </tr>
            </thead>
            <tbody>
              {csat.disagreements.map((d) => (
                <Disagreement key={d.conversationId} d={d} crm={props.crm} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
