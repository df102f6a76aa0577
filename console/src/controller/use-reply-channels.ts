/** The channels the open conversation's customer can be answered on, loaded when the conversation (or its customer) changes. */
import { useEffect, useState } from "preact/hooks";
import type { ReplyChannelDTO } from "../../../src/contracts/api.ts";
import { listReplyChannels } from "../api/endpoints.ts";

/** Where the list stands: loading, loaded (the conversation's own channel first), or failed (replies go on the conversation's own). */
export type ReplyChannels = { status: "loading" } | { status: "failed" } | { status: "loaded"; channels: ReplyChannelDTO[] };

/** The reply channels of a conversation; `customerId` reloads them when a merge moves the conversation to another record. */
export function useReplyChannels(conversationId: string | null, customerId: string | null): ReplyChannels {
  const [state, setState] = useState<{ key: string | null; value: ReplyChannels }>({ key: null, value: { status: "loading" } });
  const key = conversationId ? `${conversationId}/${customerId ?? ""}` : null;
  useEffect(() => {
    setState({ key, value: { status: "loading" } });
    if (!conversationId) return undefined;
    let live = true;
    listReplyChannels(conversationId).then(
      (channels) => live && setState({ key, value: { status: "loaded", channels } }),
      () => live && setState({ key, value: { status: "failed" } }),
    );
    return () => {
      live = false;
    };
  }, [key]);
  return state.key === key ? state.value : { status: "loading" };
}
