/**
 * The assignment picker: every agent (presence and open load) and team, filtered as you type; arrow keys move, Enter
 * picks. With a note it is a transfer (the note becomes a private note); Unassign sends the ticket back to the queue.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import type { AgentDTO, AssignableTeamDTO, TicketDTO } from "../../../src/contracts/api.ts";
import { AGENT_TOOLS_TEXT as T } from "../agent-tools-strings.ts";
import { listAgentsWithLoad, listAssignableTeams } from "../api/assignment-endpoints.ts";
import { Dialog } from "./crm/ui.tsx";

/** One choice of the picker. */
type Choice = { kind: "agent"; agent: AgentDTO } | { kind: "team"; team: AssignableTeamDTO };

/** What the dialog asks for when submitted. */
export type AssignRequest = { assigneeId?: string | null; teamId?: string | null; note: string };

function label(choice: Choice): string {
  return choice.kind === "agent" ? choice.agent.name : choice.team.name;
}

function choiceId(choice: Choice): string {
  return `${choice.kind}-${choice.kind === "agent" ? choice.agent.id : choice.team.id}`;
}

function Load(props: { open: number | null; capacity?: number | null }) {
  if (props.open === null) return null;
  return (
    <span class="assign__load">
      {props.open}
      {props.capacity ? ` ${T.of} ${props.capacity}` : ""} {T.open}
    </span>
  );
}

/** The modal picker for the open ticket; `onSubmit` resolves true when the change was made (the dialog then closes). */
export function AssignDialog(props: { ticket: TicketDTO; userId: string; onSubmit: (request: AssignRequest) => Promise<boolean>; onClose: () => void }) {
  const [agents, setAgents] = useState<AgentDTO[] | null>(null);
  const [teams, setTeams] = useState<AssignableTeamDTO[]>([]);
  const [failed, setFailed] = useState(false);
  const [filter, setFilter] = useState("");
  const [active, setActive] = useState(0);
  const [note, setNote] = useState("");
  const [busy, setBusy] = useState(false);
  const listRef = useRef<HTMLUListElement>(null);

  useEffect(() => {
    let live = true;
    Promise.all([listAgentsWithLoad(), listAssignableTeams()]).then(
      ([a, t]) => {
        if (!live) return;
        setAgents(a);
        setTeams(t);
      },
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, []);

  const needle = filter.trim().toLowerCase();
  const choices: Choice[] = agents
    ? [...agents.map((agent): Choice => ({ kind: "agent", agent })), ...teams.map((team): Choice => ({ kind: "team", team }))].filter((c) => label(c).toLowerCase().includes(needle))
    : [];
  const current = choices[Math.min(active, choices.length - 1)];

  useEffect(() => {
    listRef.current?.querySelector(`[data-active="true"]`)?.scrollIntoView({ block: "nearest" });
  }, [active, filter]);

  const submit = async (choice: Choice | undefined): Promise<void> => {
    if (!choice || busy) return;
    setBusy(true);
    const target = choice.kind === "agent" ? { assigneeId: choice.agent.id } : { teamId: choice.team.id };
    const done = await props.onSubmit({ ...target, note: note.trim() });
    setBusy(false);
    if (done) props.onClose();
  };

  const onKeyDown = (event: KeyboardEvent): void => {
    if (choices.length === 0) return;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActive((i) => (Math.min(i, choices.length - 1) + step + choices.length) % choices.length);
    } else if (event.key === "Enter" && !event.shiftKey) {
      event.preventDefault();
      void submit(current);
    }
  };

  return (
    <Dialog title={T.assignTitle} onClose={props.onClose} testId="assign-dialog">
      <div class="dialog__body assign">
        <input
          class="input"
          type="search"
          value={filter}
          placeholder={T.assignFilter}
          aria-label={T.assignFilter}
          aria-controls="assign-options"
          aria-activedescendant={current ? `assign-${choiceId(current)}` : undefined}
          onInput={(e) => {
            setFilter(e.currentTarget.value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
          autoFocus
          data-testid="assign-filter"
        />
        {failed ? <p class="field__error" role="alert">{T.assignFailed}</p> : null}
        {!agents && !failed ? <p class="card__muted">{T.assignLoading}</p> : null}
        {agents && choices.length === 0 ? <p class="card__muted">{T.assignEmpty}</p> : null}
        <ul class="assign__options" id="assign-options" role="listbox" aria-label={T.assignTitle} ref={listRef} data-testid="assign-options">
          {choices.map((choice, i) => {
            const selected = current !== undefined && choiceId(choice) === choiceId(current);
            const isCurrent = choice.kind === "agent" ? props.ticket.assignee?.id === choice.agent.id : props.ticket.team?.id === choice.team.id;
            return (
              <li
                id={`assign-${choiceId(choice)}`}
                role="option"
                aria-selected={selected}
                data-active={selected}
                class={`assign__option${selected ? " assign__option--active" : ""}${isCurrent ? " assign__option--current" : ""}`}
                onMouseEnter={() => setActive(i)}
                onClick={() => void submit(choice)}
                data-testid={`assign-option-${label(choice)}`}
              >
                {choice.kind === "agent" ? (
                  <>
                    <span class={`assign__dot assign__dot--${choice.agent.status}`} title={T.presence[choice.agent.status]} aria-hidden="true" />
                    <span class="assign__name">
                      {choice.agent.name} {choice.agent.id === props.userId ? <span class="card__muted">{T.you}</span> : null}
                    </span>
                    <span class="assign__meta">{T.presence[choice.agent.status]}</span>
                    <Load open={choice.agent.openConversations} capacity={choice.agent.capacity} />
                  </>
                ) : (
                  <>
                    <span class="assign__dot assign__dot--team" aria-hidden="true" />
                    <span class="assign__name">{choice.team.name}</span>
                    <span class="assign__meta">{T.team}</span>
                    <Load open={choice.team.openConversations} />
                  </>
                )}
              </li>
            );
          })}
        </ul>
        <label class="field">
          <span class="field__label">{T.assignNote}</span>
          <textarea class="input" rows={2} value={note} placeholder={T.assignNotePlaceholder} onInput={(e) => setNote(e.currentTarget.value)} data-testid="assign-note" />
        </label>
        <div class="dialog__actions">
          {props.ticket.assignee || props.ticket.team ? (
            <button
              type="button"
              class="button button--secondary"
              disabled={busy}
              onClick={() => void props.onSubmit({ assigneeId: null, teamId: null, note: "" }).then((done) => done && props.onClose())}
              data-testid="assign-unassign"
            >
              {T.unassign}
            </button>
          ) : null}
          <button type="button" class="button button--secondary" onClick={props.onClose}>
            {T.cancel}
          </button>
          <button type="button" class="button button--primary" disabled={busy || !current} onClick={() => void submit(current)} data-testid="assign-submit">
            {note.trim() ? T.transferSubmit : T.assignSubmit}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
