/**
 * The outside world of IMAP polling: a mailbox server on 127.0.0.1 (hoodiecrow-imap, an in-memory IMAP4rev1 server by
 * imapflow's author) holding one account, `testuser` / `testpass`, whose INBOX the test appends mail to and whose flags
 * it reads back.
 */
import { createRequire } from "node:module";

/** The account hoodiecrow serves. */
export const IMAP_USER = { user: "testuser", password: "testpass" };

type HoodiecrowMessage = { raw: string; flags: string[]; uid: number };
type Hoodiecrow = {
  server: { address(): { port: number } | string | null };
  listen(port: number, host: string, callback: () => void): void;
  close(callback: () => void): void;
  getMailbox(path: string): { messages: HoodiecrowMessage[] };
  appendMessage(mailbox: string, flags: string[], internaldate: Date, raw: string): { message: HoodiecrowMessage };
};

/** The running IMAP server. */
export type FakeImap = {
  /** An imap:// URL of the account, with the password given (the right one by default). */
  url(password?: string): string;
  /** Puts a raw mail into INBOX, unseen, as a delivery would; returns its UID. */
  deliver(raw: string): number;
  /** The flags of the INBOX mail with this UID. */
  flagsOf(uid: number): string[];
  close(): Promise<void>;
};

/** Starts hoodiecrow on a free port of 127.0.0.1 with an empty INBOX. */
export async function startFakeImap(): Promise<FakeImap> {
  // hoodiecrow is CommonJS without types.
  const hoodiecrow = createRequire(import.meta.url)("hoodiecrow-imap") as (options: object) => Hoodiecrow;
  const server = hoodiecrow({ plugins: ["ID", "UNSELECT", "ENABLE"], storage: { INBOX: { messages: [] }, "": { separator: "/" } }, users: { [IMAP_USER.user]: { password: IMAP_USER.password } } });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const address = server.server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  const inbox = () => server.getMailbox("INBOX");
  return {
    url: (password = IMAP_USER.password) => `imap://${IMAP_USER.user}:${encodeURIComponent(password)}@127.0.0.1:${port}`,
    deliver: (raw) => server.appendMessage("INBOX", [], new Date(), raw).message.uid,
    flagsOf: (uid) => inbox().messages.find((m) => m.uid === uid)?.flags ?? [],
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
