/** The CRM pages, bundled as one chunk the console loads the first time one of them opens. */
export { ApiKeysView } from "./api-keys-view.tsx";
export { CompaniesView } from "./companies-view.tsx";
export { CustomerView } from "./customer-view.tsx";
export { CustomersView } from "./customers-view.tsx";
export { InboxesView } from "../settings/inboxes-view.tsx";
