/** Pieces the Insights page's cards share: a rule list and a link that opens a customer's profile. */
import type { InsightRuleDTO } from "../../../../src/contracts/insights.ts";
import type { CrmOperations } from "../../controller/crm-operations.ts";
import { formatNumber, formatShare } from "../../format.ts";
import { INSIGHTS_TEXT } from "../../insights-strings.ts";

/** A rule as a line: its text, then support and confidence. */
export function RuleList(props: { rules: InsightRuleDTO[]; testId: string; outcome: (support: string, confidence: string) => string }) {
  return (
    <ul class="insights-rules" data-testid={props.testId}>
      {props.rules.map((r) => (
        <li key={r.text} data-testid={`${props.testId}-rule`}>
          <code class="insights-rules__text">{r.text}</code> <span class="card__muted">({props.outcome(formatNumber(r.support), formatShare(r.confidence))})</span>
        </li>
      ))}
    </ul>
  );
}

/** A link to a customer's profile that opens it in the console (and works as a normal link otherwise). */
export function CustomerLink(props: { crm: CrmOperations; id: string; name: string | null; testId?: string }) {
  return (
    <a
      class="crm-link"
      href={`/console/customers/${encodeURIComponent(props.id)}`}
      onClick={(e) => {
        if (e.ctrlKey || e.metaKey || e.shiftKey) return;
        e.preventDefault();
        props.crm.openCustomer(props.id);
      }}
      data-testid={props.testId}
    >
      {props.name ?? INSIGHTS_TEXT.none}
    </a>
  );
}
