/** "Sam is viewing" / "Sam is typing a reply": the colleagues who show the same conversation, live from the console socket. */
import { useEffect, useState } from "preact/hooks";
import type { ConversationViewersEvent } from "../../../src/contracts/api.ts";
import { AGENT_TOOLS_TEXT as T } from "../agent-tools-strings.ts";
import { onViewers } from "../realtime/helpdesk-events.ts";

type Viewer = ConversationViewersEvent["viewers"][number];

function names(viewers: Viewer[]): string {
  const all = viewers.map((v) => v.name);
  return all.length <= 1 ? (all[0] ?? "") : `${all.slice(0, -1).join(", ")} ${T.and} ${all[all.length - 1]}`;
}

/** The colleagues (never the user) viewing and typing in this conversation; nothing when alone. */
export function CollisionBar(props: { conversationId: string; userId: string }) {
  const [event, setEvent] = useState<ConversationViewersEvent | null>(null);
  useEffect(() => {
    setEvent(null);
    return onViewers((e) => {
      if (e.conversationId === props.conversationId) setEvent(e);
    });
  }, [props.conversationId]);
  const others = (event?.viewers ?? []).filter((v) => v.userId !== props.userId);
  if (others.length === 0) return null;
  const typing = others.filter((v) => v.typing);
  const viewing = others.filter((v) => !v.typing);
  return (
    <div class={`collision${typing.length ? " collision--typing" : ""}`} role="status" aria-live="polite" data-testid="collision-bar">
      {typing.length ? (
        <span data-testid="collision-typing">
          <span class="collision__dot collision__dot--typing" aria-hidden="true" /> {names(typing)} {T.typingReply}
        </span>
      ) : null}
      {viewing.length ? (
        <span data-testid="collision-viewing">
          <span class="collision__dot" aria-hidden="true" /> {names(viewing)} {viewing.length > 1 ? T.viewingMany : T.viewing}
        </span>
      ) : null}
    </div>
  );
}
