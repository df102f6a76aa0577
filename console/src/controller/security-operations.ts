/** The sessions page's use cases: list and end the user's sessions, log out everywhere, change the password. */
import type { SessionDTO } from "../../../src/contracts/api.ts";
import * as api from "../api/endpoints.ts";
import { ApiRequestError } from "../api/http.ts";
import type { ConsoleAction } from "../store/reducer.ts";
import { ERROR_TEXT } from "../strings.ts";

/** A failure the page shows: the server's message and, for a form, the fields it names. */
export type SecurityFailure = { message: string; fields?: Record<string, string> };

/** What the sessions page can ask; each resolves to a failure to show, or null/the data on success. */
export type SecurityOperations = {
  listSessions: () => Promise<SessionDTO[] | SecurityFailure>;
  endSession: (id: string) => Promise<SecurityFailure | null>;
  logoutEverywhere: () => Promise<void>;
  changePassword: (currentPassword: string, newPassword: string) => Promise<SecurityFailure | null>;
};

/** Builds the sessions page's operations over the console's dispatcher. */
export function createSecurityOperations(dispatch: (action: ConsoleAction) => void): SecurityOperations {
  // A 401 means this session is over: back to the sign-in page rather than an error on a page that no longer works.
  async function attempt<T>(call: () => Promise<T>): Promise<T | SecurityFailure> {
    try {
      return await call();
    } catch (error) {
      if (error instanceof ApiRequestError && error.status === 401) dispatch({ type: "auth/signedOut", reason: ERROR_TEXT.sessionEnded });
      if (error instanceof ApiRequestError) return { message: error.message, fields: error.fields };
      return { message: error instanceof Error && error.message ? error.message : ERROR_TEXT.unexpected };
    }
  }
  return {
    listSessions: () => attempt(() => api.listSessions()),
    endSession: async (id) => (await attempt(() => api.endSession(id))) ?? null,
    logoutEverywhere: async () => {
      await attempt(() => api.logoutEverywhere());
      dispatch({ type: "auth/signedOut" });
    },
    changePassword: async (currentPassword, newPassword) => (await attempt(() => api.changePassword(currentPassword, newPassword))) ?? null,
  };
}
