/** The Sales pages, bundled as one chunk the console loads the first time one of them opens. */
export { CampaignsView } from "./campaigns-view.tsx";
export { DashboardView } from "./dashboard-view.tsx";
export { DealView } from "./deal-view.tsx";
export { OrderView } from "./order-view.tsx";
export { OrdersView } from "./orders-view.tsx";
export { PipelineView } from "./pipeline-view.tsx";
export { PlansView } from "./plans-view.tsx";
export { ProductsView } from "./products-view.tsx";
export { StagesView } from "./stages-view.tsx";
