/** Settings (admins): Agents & teams, Labels, Canned replies, SLA policies, Audit log, as tabs. */
import { useState } from "preact/hooks";
import type { UserDTO } from "../../../../src/contracts/api.ts";
import { can } from "../../../../src/contracts/permissions.ts";
import { AgentsTab } from "./settings-agents.tsx";
import { AuditTab, CannedTab, LabelsTab } from "./settings-lists.tsx";
import { KbArticlesTab } from "./kb-articles-tab.tsx";
import { KB_TEXT } from "./kb-strings.ts";
import "./kb.css";
import { SlaTab } from "./settings-sla.tsx";
import { SLA_POLICY_TEXT } from "../../sla-strings.ts";
import { SETTINGS_TEXT } from "./settings-strings.ts";

type Tab = "agents" | "labels" | "canned" | "bot" | "sla" | "audit";

const TABS: { value: Tab; label: string }[] = [
  { value: "agents", label: SETTINGS_TEXT.tabAgents },
  { value: "labels", label: SETTINGS_TEXT.tabLabels },
  { value: "canned", label: SETTINGS_TEXT.tabCanned },
  { value: "bot", label: KB_TEXT.tab },
  { value: "sla", label: SLA_POLICY_TEXT.tab },
  { value: "audit", label: SETTINGS_TEXT.tabAudit },
];

/** The settings page; `onError` shows a failure in the console's banner. */
export function SettingsView(props: { user: UserDTO; onError: (message: string) => void }) {
  const [tab, setTab] = useState<Tab>("agents");
  return (
    <main class="reports" data-testid="settings-view">
      <div class="reports__inner crm-page">
        <div class="reports__head">
          <h1 class="reports__title">{SETTINGS_TEXT.title}</h1>
        </div>
        <div class="chips" role="tablist" aria-label={SETTINGS_TEXT.title}>
          {TABS.map((t) => (
            <button type="button" role="tab" aria-selected={tab === t.value} class={`chip${tab === t.value ? " chip--active" : ""}`} onClick={() => setTab(t.value)} data-testid={`settings-tab-${t.value}`}>
              {t.label}
            </button>
          ))}
        </div>
        <section class="card reports__card settings-card" role="tabpanel">
          {tab === "agents" ? <AgentsTab currentUserId={props.user.id} onError={props.onError} /> : null}
          {tab === "labels" ? <LabelsTab onError={props.onError} /> : null}
          {tab === "canned" ? <CannedTab onError={props.onError} mayShare={can(props.user.role, "canned.shared")} /> : null}
          {tab === "bot" ? <KbArticlesTab onError={props.onError} /> : null}
          {tab === "sla" ? <SlaTab onError={props.onError} /> : null}
          {tab === "audit" ? <AuditTab /> : null}
        </section>
      </div>
    </main>
  );
}
