/** A customer's profile page: details edited in place, suggestions, duplicates and merge, figures, sentiment, timeline, privacy. */
import { useEffect, useRef, useState } from "preact/hooks";
import type { UserDTO } from "../../../../src/contracts/api.ts";
import type { AttributeDefinitionDTO, CompanyDTO, CustomerProfileDTO } from "../../../../src/contracts/crm.ts";
import { can } from "../../../../src/contracts/permissions.ts";
import * as crmApi from "../../api/crm-endpoints.ts";
import type { CrmFailure, CrmOperations } from "../../controller/crm-operations.ts";
import { CRM_TEXT, PROFILE_TEXT } from "../../crm-strings.ts";
import { Avatar } from "../common.tsx";
import { DuplicatesCard, FiguresCard, SuggestionsCard } from "./profile-cards.tsx";
import { ProfileDetails } from "./profile-details.tsx";
import { SentimentCard } from "./sentiment-chart.tsx";
import { Timeline } from "./timeline.tsx";
import { ConfirmDialog, ErrorState, Loading, useLoad } from "./ui.tsx";

type Confirm = { kind: "merge"; otherId: string; otherLabel: string } | { kind: "erase" } | null;

function displayName(profile: CustomerProfileDTO): string {
  return profile.name || profile.email || profile.phone || profile.id.slice(0, 8);
}

function Missing(props: { failure: CrmFailure; crm: CrmOperations; onRetry: () => void }) {
  const { failure, crm } = props;
  const merged = failure.details.mergedInto;
  if (failure.status === 404 && merged) {
    return (
      <ErrorState title={PROFILE_TEXT.mergedAway} message={failure.message} testId="profile-merged">
        <button type="button" class="button button--primary empty__action" onClick={() => crm.openCustomer(merged)} data-testid="open-merged">
          {PROFILE_TEXT.openMerged}
        </button>
      </ErrorState>
    );
  }
  if (failure.status === 404 || failure.code === "VALIDATION_FAILED") {
    return (
      <ErrorState title={PROFILE_TEXT.notFound} message={PROFILE_TEXT.notFoundHint} testId="profile-not-found">
        <button type="button" class="button button--secondary empty__action" onClick={() => crm.openCustomers()}>
          {CRM_TEXT.backToCustomers}
        </button>
      </ErrorState>
    );
  }
  return <ErrorState title={PROFILE_TEXT.failed} message={failure.message} onRetry={props.onRetry} testId="profile-error" />;
}

/** The page. */
export function CustomerView(props: { crm: CrmOperations; user: UserDTO; customerId: string }) {
  const { crm, user, customerId } = props;
  const [profile, reload, setProfile] = useLoad(crm, customerId, () => crmApi.getCustomer(customerId));
  const [companies, setCompanies] = useState<CompanyDTO[]>([]);
  const [attributes, setAttributes] = useState<AttributeDefinitionDTO[]>([]);
  const [confirm, setConfirm] = useState<Confirm>(null);
  const [version, setVersion] = useState(0);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    void crm.attempt(() => crmApi.listCompanies("", null, undefined, 100)).then((r) => r.ok && setCompanies(r.data.data));
    void crm.attempt(() => crmApi.listAttributes()).then((r) => r.ok && setAttributes(r.data));
  }, [crm]);
  const loaded = profile.state === "loaded" ? profile.data : null;
  useEffect(() => {
    if (loaded) heading.current?.focus();
  }, [loaded?.id]);
  // After a change the profile and the timeline (which records it) are fetched again.
  const refresh = async (): Promise<void> => {
    const result = await crm.attempt(() => crmApi.getCustomer(customerId));
    if (result.ok) setProfile(result.data);
    setVersion((v) => v + 1);
  };
  const save = async (changes: crmApi.CustomerChanges): Promise<CrmFailure | null> => {
    const result = await crm.attempt(() => crmApi.patchCustomer(customerId, changes));
    if (!result.ok) return result.failure;
    await refresh();
    return null;
  };
  const act = async (call: () => Promise<void>, done?: string): Promise<void> => {
    const result = await crm.attempt(call);
    if (!result.ok) crm.toast(result.failure.message);
    else if (done) crm.toast(done);
    await refresh();
  };

  let body;
  if (profile.state === "loading") body = <Loading testId="profile-loading" />;
  else if (profile.state === "error") body = <Missing failure={profile.failure} crm={crm} onRetry={reload} />;
  else {
    const p = profile.data;
    const editable = can(user.role, "customer.edit", "own") || can(user.role, "customer.edit", "others");
    const canMerge = can(user.role, "customer.merge");
    const isAdmin = can(user.role, "customer.erase");
    body = (
      <>
        <div class="profile-head">
          <Avatar id={p.id} label={displayName(p)} size="lg" />
          <div class="profile-head__text">
            <h1 class="reports__title" tabIndex={-1} ref={heading} data-testid="profile-name">
              {displayName(p)}
            </h1>
            <p class="card__muted">{[p.email, p.phone, p.company?.name].filter(Boolean).join(" · ")}</p>
          </div>
          {isAdmin || can(user.role, "customer.export") ? (
            <div class="crm-actions" role="group" aria-label={PROFILE_TEXT.admin}>
              {can(user.role, "customer.export") ? (
                <a class="button button--secondary" href={crmApi.customerExportUrl(p.id)} download={`customer-${p.id}.json`} data-testid="export-gdpr">
                  {PROFILE_TEXT.exportData}
                </a>
              ) : null}
              {isAdmin ? (
                <button type="button" class="button button--danger-outline" onClick={() => setConfirm({ kind: "erase" })} data-testid="erase-customer">
                  {PROFILE_TEXT.erase}
                </button>
              ) : null}
            </div>
          ) : null}
        </div>
        <DuplicatesCard duplicates={p.duplicates} canMerge={canMerge} onOpen={crm.openCustomer} onMerge={(d) => setConfirm({ kind: "merge", otherId: d.id, otherLabel: d.name || d.email || d.phone || d.id })} />
        <div class="profile-grid">
          <div class="profile-grid__side">
            <SuggestionsCard
              suggestions={p.suggestions}
              onAccept={(s) => act(() => crmApi.acceptSuggestion(p.id, s.id), PROFILE_TEXT.accepted)}
              onDismiss={(s) => act(() => crmApi.dismissSuggestion(p.id, s.id))}
              onMerge={canMerge ? (existing) => setConfirm({ kind: "merge", otherId: existing.id, otherLabel: existing.name || PROFILE_TEXT.anotherCustomer }) : null}
            />
            <ProfileDetails
              profile={p}
              companies={companies}
              attributes={attributes}
              editable={editable}
              canMerge={canMerge}
              onSave={save}
              onMergeExisting={(otherId) => setConfirm({ kind: "merge", otherId, otherLabel: otherId })}
            />
            <FiguresCard profile={p} />
            <SentimentCard points={p.sentimentTrend} />
          </div>
          <Timeline crm={crm} customerId={p.id} user={user} version={version} canNote={can(user.role, "customer.note")} />
        </div>
        {confirm?.kind === "merge" ? (
          <ConfirmDialog
            title={PROFILE_TEXT.mergeTitle}
            body={`${confirm.otherLabel} → ${displayName(p)}. ${PROFILE_TEXT.mergeBody}`}
            confirm={PROFILE_TEXT.mergeConfirm}
            testId="merge-dialog"
            onClose={() => setConfirm(null)}
            onConfirm={async () => {
              const result = await crm.attempt(() => crmApi.mergeCustomers(p.id, confirm.otherId));
              if (!result.ok) return result.failure;
              setConfirm(null);
              crm.toast(PROFILE_TEXT.merged);
              await refresh();
              return null;
            }}
          />
        ) : null}
        {confirm?.kind === "erase" ? (
          <ConfirmDialog
            title={PROFILE_TEXT.eraseTitle}
            body={PROFILE_TEXT.eraseBody}
            confirm={PROFILE_TEXT.eraseConfirm}
            danger
            testId="erase-dialog"
            typeToConfirm={{ label: PROFILE_TEXT.eraseType, accept: ["ERASE", p.name ?? ""] }}
            onClose={() => setConfirm(null)}
            onConfirm={async () => {
              const result = await crm.attempt(() => crmApi.eraseCustomer(p.id));
              if (!result.ok) return result.failure;
              setConfirm(null);
              crm.toast(PROFILE_TEXT.erased);
              crm.openCustomers();
              return null;
            }}
          />
        ) : null}
      </>
    );
  }
  return (
    <main class="reports" data-testid="customer-view" data-customer-id={customerId} data-state={profile.state}>
      <div class="reports__inner crm-page">
        <button type="button" class="link reports__back" onClick={() => crm.openCustomers()} data-testid="profile-back">
          <span aria-hidden="true">←</span> {CRM_TEXT.backToCustomers}
        </button>
        {body}
      </div>
    </main>
  );
}
