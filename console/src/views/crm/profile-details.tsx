/** The profile's details card: name, email, phone, tier, company, tags and custom attributes, each edited in place. */
import type { AttributeDefinitionDTO, CompanyDTO, CustomerProfileDTO } from "../../../../src/contracts/crm.ts";
import type { CustomerChanges } from "../../api/crm-endpoints.ts";
import type { CrmFailure } from "../../controller/crm-operations.ts";
import { attributeDisplay, attributeInputValue, parseAttributeInput } from "../../crm-format.ts";
import { PROFILE_TEXT } from "../../crm-strings.ts";
import { formatShare } from "../../format.ts";
import { parseTags } from "../../store/customers.ts";
import { InlineEdit, type InlineInput, type InlineSaveResult } from "./inline-edit.tsx";

function attributeInput(definition: AttributeDefinitionDTO): InlineInput {
  switch (definition.type) {
    case "number":
      return { kind: "number" };
    case "date":
      return { kind: "date" };
    case "boolean":
      return { kind: "select", options: [{ value: "", label: PROFILE_TEXT.empty }, { value: "true", label: PROFILE_TEXT.yes }, { value: "false", label: PROFILE_TEXT.no }] };
    case "list":
      return { kind: "select", options: [{ value: "", label: PROFILE_TEXT.empty }, ...definition.options.map((o) => ({ value: o, label: o }))] };
    case "text":
      return { kind: "text" };
  }
}

/** The card; `onSave` answers the failure to show, `onMergeExisting` is offered when an email or phone is taken. */
export function ProfileDetails(props: {
  profile: CustomerProfileDTO;
  companies: CompanyDTO[];
  attributes: AttributeDefinitionDTO[];
  editable: boolean;
  canMerge: boolean;
  onSave: (changes: CustomerChanges) => Promise<CrmFailure | null>;
  onMergeExisting: (existingId: string) => void;
}) {
  const { profile } = props;
  const save = async (changes: CustomerChanges, field: string): Promise<InlineSaveResult> => {
    const failure = await props.onSave(changes);
    if (!failure) return null;
    const existingId = failure.details.existingId;
    if (failure.code === "CUSTOMER_EXISTS" && existingId) {
      return {
        message: PROFILE_TEXT.emailTaken,
        extra: props.canMerge ? (
          <button type="button" class="link" onClick={() => props.onMergeExisting(existingId)} data-testid="merge-existing">
            {PROFILE_TEXT.mergeExisting}
          </button>
        ) : undefined,
      };
    }
    return { message: failure.fields?.[field] ?? failure.message };
  };
  const text = (value: string): string | null => (value.trim() === "" ? null : value.trim());
  const companyOptions = [{ value: "", label: PROFILE_TEXT.noCompany }, ...props.companies.map((c) => ({ value: c.id, label: c.name }))];
  if (profile.company && !props.companies.some((c) => c.id === profile.company?.id)) companyOptions.push({ value: profile.company.id, label: profile.company.name });
  const customerAttributes = props.attributes.filter((a) => a.entity === "customer");
  return (
    <section class="card" aria-labelledby="profile-details-title" data-testid="profile-details">
      <h2 class="card__title" id="profile-details-title">
        {PROFILE_TEXT.details}
      </h2>
      <dl class="kvs">
        <InlineEdit label={PROFILE_TEXT.name} display={profile.name ?? ""} initial={profile.name ?? ""} input={{ kind: "text" }} editable={props.editable} onSave={(v) => save({ name: text(v) }, "name")} testId="field-name" />
        <InlineEdit label={PROFILE_TEXT.email} display={profile.email ?? ""} initial={profile.email ?? ""} input={{ kind: "email" }} editable={props.editable} onSave={(v) => save({ email: text(v) }, "email")} testId="field-email" />
        <InlineEdit label={PROFILE_TEXT.phone} display={profile.phone ?? ""} initial={profile.phone ?? ""} input={{ kind: "tel" }} editable={props.editable} onSave={(v) => save({ phone: text(v) }, "phone")} testId="field-phone" />
        <InlineEdit
          label={PROFILE_TEXT.tier}
          display={profile.tier === "vip" ? PROFILE_TEXT.vip : PROFILE_TEXT.standard}
          initial={profile.tier}
          input={{ kind: "select", options: [{ value: "standard", label: PROFILE_TEXT.standard }, { value: "vip", label: PROFILE_TEXT.vip }] }}
          editable={props.editable}
          onSave={(v) => save({ tier: v === "vip" ? "vip" : "standard" }, "tier")}
          testId="field-tier"
        />
        <InlineEdit
          label={PROFILE_TEXT.company}
          display={profile.company?.name ?? ""}
          initial={profile.company?.id ?? ""}
          input={{ kind: "select", options: companyOptions }}
          editable={props.editable}
          onSave={(v) => save({ companyId: v || null }, "companyId")}
          testId="field-company"
        />
        <InlineEdit
          label={PROFILE_TEXT.tags}
          display={profile.tags.join(", ")}
          initial={profile.tags.join(", ")}
          input={{ kind: "text" }}
          hint={PROFILE_TEXT.tagsHint}
          editable={props.editable}
          onSave={(v) => save({ tags: parseTags(v) }, "tags")}
          testId="field-tags"
        />
        {profile.segment ? (
          <div class="kv">
            <dt class="kv__key">{PROFILE_TEXT.segment}</dt>
            <dd class="kv__value" data-testid="profile-segment">
              {profile.segment}
            </dd>
          </div>
        ) : null}
        {profile.churnRisk !== null && profile.churnRisk !== undefined ? (
          <div class="kv">
            <dt class="kv__key">{PROFILE_TEXT.churnRisk}</dt>
            <dd class="kv__value" title={PROFILE_TEXT.churnRiskHint} data-testid="profile-churn-risk">
              {formatShare(profile.churnRisk)}
            </dd>
          </div>
        ) : null}
        {profile.responseScore !== null && profile.responseScore !== undefined ? (
          <div class="kv">
            <dt class="kv__key">{PROFILE_TEXT.responseScore}</dt>
            <dd class="kv__value" title={PROFILE_TEXT.responseScoreHint} data-testid="profile-response-score">
              {formatShare(profile.responseScore)}
            </dd>
          </div>
        ) : null}
      </dl>
      {customerAttributes.length > 0 ? (
        <>
          <h3 class="card__title profile-details__sub">{PROFILE_TEXT.attributes}</h3>
          <dl class="kvs">
            {customerAttributes.map((definition) => (
              <InlineEdit
                key={definition.key}
                label={definition.label}
                display={attributeDisplay(definition, profile.attributes[definition.key])}
                initial={attributeInputValue(definition, profile.attributes[definition.key])}
                input={attributeInput(definition)}
                editable={props.editable}
                onSave={async (v) => {
                  const parsed = parseAttributeInput(definition, v);
                  if (!parsed.ok) return { message: parsed.message };
                                    // The server merges attribute values; null removes the key.
                  return save({ attributes: { [definition.key]: parsed.value } }, `attributes.${definition.key}`);
                }}
                testId={`attribute-${definition.key}`}
              />
            ))}
          </dl>
        </>
      ) : null}
    </section>
  );
}
