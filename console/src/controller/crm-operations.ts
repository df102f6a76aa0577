/** The CRM pages' shared use cases: calls whose failures the page shows itself, navigation between records, toasts. */
import * as api from "../api/endpoints.ts";
import { ApiRequestError } from "../api/http.ts";
import type { ConsoleAction } from "../store/reducer.ts";
import type { PageAbout } from "./report-operations.ts";
import type { ConsolePage } from "../store/types.ts";
import { ERROR_TEXT } from "../strings.ts";

/** A failed call as a page shows it: the status, the server's code and message, the fields it names, and its details. */
export type CrmFailure = {
  status: number;
  code: string;
  message: string;
  fields?: Record<string, string>;
  details: { existingId?: string; mergedInto?: string };
};

/** The outcome of a call: its data, or the failure to show. */
export type CrmResult<T> = { ok: true; data: T } | { ok: false; failure: CrmFailure };

/** What the CRM pages can ask of the console. */
export type CrmOperations = {
  /** Runs a call; a 401 signs out (the session is gone), any other failure comes back to be shown where it happened. */
  attempt: <T>(call: () => Promise<T>) => Promise<CrmResult<T>>;
  /** The failure to show for an error thrown by a call the page ran itself (signs out on 401 too). */
  failure: (error: unknown) => CrmFailure;
  toast: (message: string | null) => void;
  openCustomer: (id: string) => void;
  openCustomers: (search?: string) => void;
  /** Keeps the customers list's query in the address bar, so the filtered list is a link and survives a reload. */
  setCustomersSearch: (search: string) => void;
  /** Keeps the reports area's query (tab, period, grouping, the drill-down) in the address bar, so a drill-down is a link. */
  setReportsSearch: (search: string) => void;
  openConversation: (id: string) => Promise<void>;
  openTicket: (ticketId: string) => Promise<void>;
  /** Opens a Sales page, or a deal's or an order's page. */
  openSales: (page: ConsolePage, salesId?: string) => void;
};

/** Builds the CRM operations over the console's dispatcher and its page and conversation operations. */
export function createCrmOperations(
  dispatch: (action: ConsoleAction) => void,
  showPage: (page: ConsolePage, about?: PageAbout) => Promise<void>,
  selectConversation: (id: string | null) => Promise<void>,
): CrmOperations {
  function failure(error: unknown): CrmFailure {
    if (error instanceof ApiRequestError) {
      if (error.status === 401) dispatch({ type: "auth/signedOut", reason: ERROR_TEXT.sessionEnded });
      return { status: error.status, code: error.code, message: error.message, fields: error.fields, details: error.details };
    }
    const message = error instanceof Error && error.message ? error.message : ERROR_TEXT.unexpected;
    return { status: 0, code: "UNEXPECTED", message, details: {} };
  }
  const openConversation = async (id: string): Promise<void> => {
    await showPage("inbox");
    await selectConversation(id);
  };
  return {
    attempt: async (call) => {
      try {
        return { ok: true, data: await call() };
      } catch (error) {
        return { ok: false, failure: failure(error) };
      }
    },
    failure,
    toast: (message) => dispatch({ type: "toast", message }),
    openCustomer: (id) => void showPage("customer", { customerId: id }),
    openSales: (page, salesId) => void showPage(page, salesId ? { salesId } : {}),
    openCustomers: (search) => void showPage("customers", search === undefined ? {} : { search }),
    setCustomersSearch: (search) => dispatch({ type: "customers/search", search }),
    setReportsSearch: (search) => dispatch({ type: "reports/search", search }),
    openConversation,
    openTicket: async (ticketId) => {
      try {
        const ticket = await api.getTicket(ticketId);
        await openConversation(ticket.conversationId);
      } catch (error) {
        dispatch({ type: "error", message: failure(error).message });
      }
    },
  };
}
