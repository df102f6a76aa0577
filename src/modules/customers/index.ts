/** Customers module: customer records and channel identities. */
export { resolveCustomerId, offerContactDetails, editCustomer, type CustomerProfile } from "./customers.service.ts";
export { findCustomer, type CustomerRow } from "./customers.repo.ts";
export { presentCustomer } from "./customers.presenter.ts";
export { actorRef, presentActorRef, loadLiveCustomer, recordCustomerEvent, type ActorRef } from "./customers.actors.ts";
