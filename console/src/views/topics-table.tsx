/** The topics report as a table, one row per key phrase, and its placeholder while the first report loads. */
import type { TopicDTO, UntopicalDTO } from "../../../src/contracts/api.ts";
import { UNKNOWN_INTENT } from "../../../src/contracts/nlp.ts";
import { formatIntentName, formatNumber, formatScore, formatShare, scoreTone } from "../format.ts";
import { REPORTS_TEXT } from "../strings.ts";

/** Rows of the placeholder: about a screenful, so little moves when the report arrives. */
const SKELETON_ROWS = 6;
/** Classes of the table's cells, column by column: the counts and the score are right-aligned numbers. */
const CELL_CLASSES = ["", "num", "num", "num", "", "", ""];

function Head() {
  return (
    <thead>
      <tr>
        <th scope="col">{REPORTS_TEXT.topic}</th>
        <th scope="col" class="num">
          {REPORTS_TEXT.messages}
        </th>
        <th scope="col" class="num">
          {REPORTS_TEXT.conversations}
        </th>
        <th scope="col" class="num" title={REPORTS_TEXT.sentimentHint}>
          {REPORTS_TEXT.sentiment}
        </th>
        <th scope="col" title={REPORTS_TEXT.negativeHint}>
          {REPORTS_TEXT.negative}
        </th>
        <th scope="col">{REPORTS_TEXT.intent}</th>
        <th scope="col" title={REPORTS_TEXT.trendHint}>
          {REPORTS_TEXT.trend}
        </th>
      </tr>
    </thead>
  );
}

function TopicRow(props: { topic: TopicDTO }) {
  const { topic } = props;
  const tone = scoreTone(topic.averageSentiment);
  const negative = Math.min(1, Math.max(0, topic.negativeShare));
  const unknown = topic.topIntent === UNKNOWN_INTENT;
  return (
    <tr data-testid="topic-row" data-phrase={topic.phrase}>
      <th scope="row" class="report-table__phrase" data-testid="topic-phrase">
        {topic.phrase}
        {topic.group !== topic.phrase && (
          <span class="report-table__group" data-testid="topic-group">
            {` ${REPORTS_TEXT.inGroup} ${topic.group}`}
          </span>
        )}
      </th>
      <td class="num" data-testid="topic-messages">
        {formatNumber(topic.messages)}
      </td>
      <td class="num" data-testid="topic-conversations">
        {formatNumber(topic.conversations)}
      </td>
      <td class="num">
        <span class={`tag tag--${tone}`} data-testid="topic-sentiment" data-tone={tone}>
          <span class={`dot dot--${tone}`} aria-hidden="true" />
          {formatScore(topic.averageSentiment)}
        </span>
      </td>
      <td>
        <span class="share">
          <span class="share__bar" aria-hidden="true">
            <span class="share__fill" style={{ width: `${negative * 100}%` }} />
          </span>
          <span class="share__value" data-testid="topic-negative">
            {formatShare(topic.negativeShare)}
          </span>
        </span>
      </td>
      <td>
        <span class={`tag tag--intent${unknown ? " tag--muted" : ""}`} data-testid="topic-intent" data-intent={topic.topIntent}>
          {formatIntentName(topic.topIntent)}
        </span>
      </td>
      <td data-testid="topic-trend" data-trend={topic.trend} title={`${formatNumber(topic.previousMessages)} before`}>
        {trendText(topic)}
      </td>
    </tr>
  );
}

/** "New", "Steady", or the change in messages with an arrow ("▲ +3", "▼ −2"). */
function trendText(topic: TopicDTO): string {
  if (topic.trend === "new") return REPORTS_TEXT.trendNew;
  if (topic.trend === "steady") return REPORTS_TEXT.trendSteady;
  const change = topic.messages - topic.previousMessages;
  return change > 0 ? `▲ +${formatNumber(change)}` : `▼ −${formatNumber(-change)}`;
}

/** Messages with no key phrase, by intent, so a period's angry "fix it now" messages still show. */
export function WithoutTopicTable(props: { rows: UntopicalDTO[] }) {
  if (props.rows.length === 0) return null;
  return (
    <table class="report-table" data-testid="without-topic-table">
      <caption title={REPORTS_TEXT.withoutTopicHint}>{REPORTS_TEXT.withoutTopic}</caption>
      <thead>
        <tr>
          <th scope="col">{REPORTS_TEXT.intent}</th>
          <th scope="col" class="num">
            {REPORTS_TEXT.messages}
          </th>
          <th scope="col" class="num">
            {REPORTS_TEXT.sentiment}
          </th>
          <th scope="col">{REPORTS_TEXT.negative}</th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((row) => (
          <tr key={row.intent} data-testid="without-topic-row" data-intent={row.intent}>
            <th scope="row">{formatIntentName(row.intent)}</th>
            <td class="num">{formatNumber(row.messages)}</td>
            <td class="num">{formatScore(row.averageSentiment)}</td>
            <td>{formatShare(row.negativeShare)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The topics, most frequent first, as the server ordered them. */
export function TopicsTable(props: { topics: TopicDTO[] }) {
  return (
    <table class="report-table" data-testid="topics-table">
      <Head />
      <tbody>
        {props.topics.map((topic) => (
          <TopicRow key={topic.phrase} topic={topic} />
        ))}
      </tbody>
    </table>
  );
}

/** Grey bars in the table's shape while the first report loads; the summary line announces the loading. */
export function TopicsSkeleton() {
  return (
    <table class="report-table report-table--skeleton" aria-hidden="true" data-testid="report-loading">
      <Head />
      <tbody>
        {Array.from({ length: SKELETON_ROWS }, (_, row) => (
          <tr key={row}>
            {CELL_CLASSES.map((cls, column) => (
              <td key={column} class={cls || undefined}>
                <span class="skeleton" />
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
