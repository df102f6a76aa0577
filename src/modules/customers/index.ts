/** Customers module: customer records and channel identities, search, profiles, tags and custom attributes. */
export { resolveCustomerId, editCustomer, type CustomerProfile } from "./customers.service.ts";
export { captureCustomerDetails, type CustomerMessage } from "./suggestions.service.ts";
export { findCustomer, isLive, type CustomerRow } from "./customers.repo.ts";
export { presentCustomer, presentCustomerSummary, visibleAttributes } from "./customers.presenter.ts";
export { actorRef, presentActorRef, loadLiveCustomer, recordCustomerEvent, type ActorRef } from "./customers.actors.ts";
export { validateAttributes, applyAttributeChanges, MAX_ATTRIBUTE_TEXT, type AttributeChanges } from "./attributes.service.ts";
export { isFreeMailDomain, FREE_MAIL_DOMAINS } from "./free-mail.ts";
export { digitsOf } from "./records.service.ts";
export { getCustomerProfile } from "./profile.service.ts";
export { emailSchema, phoneSchema, tagSchema, MAX_TAGS, listCustomersQuery } from "./customers.schemas.ts";
export { listCustomers, rankedCustomerMatches, type RankedCustomer } from "./search.service.ts";
export type { ListCustomersQuery } from "./customers.schemas.ts";
