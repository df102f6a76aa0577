/**
 * The frame the Sales lists share (orders, products): the Sales shell at the board's and dashboard's width, the list's
 * toolbar, one card with its loading, error or empty state or its table, then what follows (a pager, dialogs).
 */
import type { ComponentChildren } from "preact";
import type { UserDTO } from "../../../../src/contracts/api.ts";
import type { CrmOperations } from "../../controller/crm-operations.ts";
import type { SalesPage } from "../../store/types.ts";
import { EmptyState } from "../common.tsx";
import { ErrorState, Loading } from "../crm/ui.tsx";
import { SalesShell } from "./sales-shell.tsx";

/** What the list's card shows: its table ("rows"), or the state in its place. */
export type ListContent =
  | { state: "loading" }
  | { state: "error"; title: string; message: string; onRetry: () => void }
  | { state: "empty"; title: string; hint?: string }
  | { state: "rows" };

/** A column of the table: numbers align right; a hidden label is read by screen readers only (an actions column). */
export type ListColumn = { label: string; numeric?: boolean; hidden?: boolean };

/**
 * The page; `name` prefixes its test ids (`orders-view`, `orders-body`, `orders-table`, `orders-loading`, …) and `rows`
 * are the table's body rows, shown when `content` is "rows".
 */
export function SalesListPage(props: {
  user: UserDTO;
  crm: CrmOperations;
  page: SalesPage;
  name: string;
  title: string;
  shellState: string;
  actions?: ComponentChildren;
  toolbar: ComponentChildren;
  columns: readonly ListColumn[];
  content: ListContent;
  rows: ComponentChildren;
  children?: ComponentChildren;
}) {
  const { name, content } = props;
  let body;
  if (content.state === "loading") body = <Loading testId={`${name}-loading`} />;
  else if (content.state === "error") body = <ErrorState title={content.title} message={content.message} onRetry={content.onRetry} testId={`${name}-error`} />;
  else if (content.state === "empty") body = <EmptyState title={content.title} hint={content.hint} testId={`${name}-empty`} />;
  else {
    body = (
      <table class="report-table crm-table" data-testid={`${name}-table`}>
        <thead>
          <tr>
            {props.columns.map((c) => (
              <th key={c.label} scope="col" class={c.numeric ? "num" : undefined}>
                {c.hidden ? <span class="visually-hidden">{c.label}</span> : c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{props.rows}</tbody>
      </table>
    );
  }
  return (
    <SalesShell user={props.user} crm={props.crm} page={props.page} title={props.title} testId={`${name}-view`} state={props.shellState} actions={props.actions} wide>
      {props.toolbar}
      <section class="card reports__card" aria-label={props.title} aria-busy={content.state === "loading"} data-testid={`${name}-body`}>
        {body}
      </section>
      {props.children}
    </SalesShell>
  );
}
