/** A ticket's SLA due time ("First response due in 12 min"), red once breached, amber once warned; ticks every minute. */
import { useEffect, useState } from "preact/hooks";
import type { TicketSlaDTO } from "../../../src/contracts/sla.ts";
import { formatSpan, SLA_DUE_TEXT } from "../sla-strings.ts";
import "./sla.css";

function useMinuteClock(): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/** The due time, or nothing when no SLA target runs. */
export function SlaDue(props: { sla: TicketSlaDTO | null | undefined }) {
  const now = useMinuteClock();
  const { sla } = props;
  if (!sla) return null;
  const left = Date.parse(sla.dueAt) - now;
  const late = sla.breached || left <= 0;
  const state = late ? "breached" : sla.warned ? "warned" : "running";
  const text = late ? SLA_DUE_TEXT.overdue(sla.metric, formatSpan(left)) : SLA_DUE_TEXT.dueIn(sla.metric, formatSpan(left));
  return (
    <span class={`sla-due sla-due--${state}`} title={new Date(sla.dueAt).toLocaleString()} data-testid="sla-due" data-state={state}>
      {text}
    </span>
  );
}
