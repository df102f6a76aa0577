/** The sidebar card of a web visitor: the page they chat from (a link, its title as text), their browser and their local time. */
import type { ComponentChildren } from "preact";
import { useEffect, useState } from "preact/hooks";
import type { VisitorContextDTO } from "../../../src/contracts/widget-look.ts";
import { VISITOR_TEXT as T } from "../visitor-strings.ts";

/** The time now in a time zone, "14:05", or null when the browser does not know the zone. */
export function localTimeIn(timeZone: string, now: Date): string | null {
  try {
    return new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit" }).format(now);
  } catch {
    return null;
  }
}

function useMinuteClock(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 30_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

function Row(props: { label: string; testId: string; children: ComponentChildren }) {
  return (
    <div class="kv">
      <dt class="kv__key">{props.label}</dt>
      <dd class="kv__value" data-testid={props.testId}>
        {props.children}
      </dd>
    </div>
  );
}

/** The card; nothing when the conversation has no visitor details (another channel, or a client that reported none). */
export function VisitorCard(props: { visitor: VisitorContextDTO | null }) {
  const now = useMinuteClock();
  const { visitor } = props;
  if (!visitor || (!visitor.pageUrl && !visitor.browser && !visitor.timeZone)) return null;
  const time = visitor.timeZone ? localTimeIn(visitor.timeZone, now) : null;
  const safeUrl = visitor.pageUrl && /^https?:\/\//i.test(visitor.pageUrl) ? visitor.pageUrl : null;
  return (
    <section class="card" data-testid="visitor-details">
      <h3 class="card__title">{T.title}</h3>
      <dl class="kvs">
        <Row label={T.page} testId="visitor-page">
          {safeUrl ? (
            <a href={safeUrl} target="_blank" rel="noopener noreferrer" title={safeUrl} class="visitor-page">
              {visitor.pageTitle || safeUrl}
            </a>
          ) : (
            T.unknown
          )}
        </Row>
        <Row label={T.browser} testId="visitor-browser">
          {visitor.browser ?? T.unknown}
        </Row>
        <Row label={T.localTime} testId="visitor-local-time">
          {time && visitor.timeZone ? T.localTimeValue(time, visitor.timeZone) : T.unknown}
        </Row>
      </dl>
    </section>
  );
}
