/** Settings → Agents & teams: the console users (add one, its temporary password shown once or an invite link emailed; deactivate), and the teams. */
import { useState } from "preact/hooks";
import type { CreatedUserDTO, InvitedUserDTO, ManagedUserDTO } from "../../../../src/contracts/helpdesk.ts";
import { ROLES, type Role } from "../../../../src/contracts/permissions.ts";
import { createUser, listTeams, listUsers, setUserActive } from "../../api/helpdesk-endpoints.ts";
import { SETTINGS_TEXT } from "./settings-strings.ts";
import { RemoteBody } from "./settings-ui.tsx";
import { useRemote } from "./use-remote.ts";

function NewUserForm(props: { onCreated: (created: CreatedUserDTO | InvitedUserDTO) => void; onError: (message: string) => void }) {
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<Role>("agent");
  const [invite, setInvite] = useState(false);
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    try {
      props.onCreated(await createUser({ name, email, role, ...(invite ? { invite: "email" as const } : {}) }));
      setName("");
      setEmail("");
    } catch (error) {
      props.onError(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="settings-form" onSubmit={(e) => void submit(e)} data-testid="new-user-form">
      <label class="field">
        <span class="field__label">{SETTINGS_TEXT.name}</span>
        <input class="input" required value={name} onInput={(e) => setName(e.currentTarget.value)} data-testid="new-user-name" />
      </label>
      <label class="field">
        <span class="field__label">{SETTINGS_TEXT.email}</span>
        <input class="input" type="email" required value={email} onInput={(e) => setEmail(e.currentTarget.value)} data-testid="new-user-email" />
      </label>
      <label class="field">
        <span class="field__label">{SETTINGS_TEXT.role}</span>
        <select class="select input" value={role} onChange={(e) => setRole(e.currentTarget.value as Role)} data-testid="new-user-role">
          {ROLES.map((r) => (
            <option value={r}>{r}</option>
          ))}
        </select>
      </label>
      <label class="checkbox" title={SETTINGS_TEXT.inviteHint}>
        <input type="checkbox" checked={invite} onChange={(e) => setInvite(e.currentTarget.checked)} data-testid="new-user-invite" /> {SETTINGS_TEXT.inviteByEmail}
      </label>
      <button type="submit" class="button button--primary" disabled={busy} data-testid="new-user-submit">
        {SETTINGS_TEXT.addAgent}
      </button>
    </form>
  );
}

/** The Agents & teams tab. */
export function AgentsTab(props: { currentUserId: string; onError: (message: string) => void }) {
  const [users, reloadUsers] = useRemote(listUsers);
  const [teams, reloadTeams] = useRemote(listTeams);
  const [created, setCreated] = useState<CreatedUserDTO | InvitedUserDTO | null>(null);
  const toggle = async (user: ManagedUserDTO): Promise<void> => {
    try {
      await setUserActive(user.id, !user.active);
      reloadUsers();
    } catch (error) {
      props.onError(error instanceof Error ? error.message : String(error));
    }
  };
  const teamNames = teams.state === "loaded" ? new Map(teams.data.map((t) => [t.id, t.name])) : new Map<string, string>();
  return (
    <>
      <NewUserForm
        onError={props.onError}
        onCreated={(c) => {
          setCreated(c);
          reloadUsers();
        }}
      />
      {created && "invited" in created ? (
        <div class="notice" role="status" data-testid="invite-sent-notice">
          {SETTINGS_TEXT.invited} <strong>{created.user.email}</strong>.
        </div>
      ) : created ? (
        <div class="notice settings-secret" role="status" data-testid="temporary-password-notice">
          {SETTINGS_TEXT.created} <strong>{created.user.email}</strong> <code class="code" data-testid="temporary-password">{created.temporaryPassword}</code>
        </div>
      ) : null}
      <RemoteBody remote={users} onRetry={reloadUsers} empty={SETTINGS_TEXT.noUsers} testId="users">
        {(list) => (
          <table class="crm-table" data-testid="users-table">
            <thead>
              <tr>
                <th>{SETTINGS_TEXT.name}</th>
                <th>{SETTINGS_TEXT.email}</th>
                <th>{SETTINGS_TEXT.role}</th>
                <th>{SETTINGS_TEXT.teams}</th>
                <th>{SETTINGS_TEXT.status}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {list.map((u) => (
                <tr key={u.id} data-testid="user-row" data-email={u.email}>
                  <td>{u.name}</td>
                  <td>{u.email}</td>
                  <td>{u.role}</td>
                  <td>{u.teamIds.map((id) => teamNames.get(id) ?? id).join(", ")}</td>
                  <td>{u.active ? SETTINGS_TEXT.active : SETTINGS_TEXT.inactive}</td>
                  <td class="crm-table__actions">
                    {u.id === props.currentUserId ? null : (
                      <button type="button" class="link" onClick={() => void toggle(u)} data-testid="user-toggle">
                        {u.active ? SETTINGS_TEXT.deactivate : SETTINGS_TEXT.reactivate}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </RemoteBody>
      <h2 class="settings-subtitle">{SETTINGS_TEXT.teams}</h2>
      <RemoteBody remote={teams} onRetry={reloadTeams} empty={SETTINGS_TEXT.noTeams} testId="teams">
        {(list) => (
          <ul class="settings-list">
            {list.map((t) => (
              <li key={t.id}>
                <strong>{t.name}</strong> · {t.memberIds.length} {SETTINGS_TEXT.members}
                {t.intents.length ? ` · ${t.intents.join(", ")}` : ""}
              </li>
            ))}
          </ul>
        )}
      </RemoteBody>
    </>
  );
}
