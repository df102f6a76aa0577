/** The demo data `switchboard seed` loads: an inbox, agents, customers, products, orders and FAQ articles. */

/** The demo web inbox id (the demo page embeds the widget for it). */
export const DEMO_INBOX_ID = "demo";

/**
 * One inbox of each other channel, pointed at nothing: disabled and without settings until an admin enters them and
 * enables it (their webhooks answer 409 INBOX_DISABLED meanwhile). The web channel's is the demo inbox above.
 */
export const demoChannelInboxes = [
  { id: "demo-telegram", name: "Acme Outdoor on Telegram (not configured)", channel: "telegram" },
  { id: "demo-whatsapp", name: "Acme Outdoor on WhatsApp (not configured)", channel: "whatsapp" },
  { id: "demo-slack", name: "Acme Outdoor shared Slack channel (not configured)", channel: "slack" },
  { id: "demo-sms", name: "Acme Outdoor SMS (not configured)", channel: "sms" },
  { id: "demo-api", name: "Acme Outdoor app (API channel, not configured)", channel: "api" },
  { id: "demo-email", name: "Acme Outdoor support mailbox (not configured)", channel: "email" },
].map((inbox) => ({ ...inbox, enabled: false }));

/** Demo console accounts (demo mode only); each gets a random password, printed once when it is created. */
export const demoAgents = [
  { email: "alex@switchboard.local", name: "Alex Agent", role: "agent" as const },
  { email: "sam@switchboard.local", name: "Sam Support", role: "agent" as const },
  { email: "morgan@switchboard.local", name: "Morgan Manager", role: "manager" as const },
];

/** Demo customers. */
export const demoCustomers = [
  { name: "Jordan Lee", email: "jordan.lee@example.com", phone: "+14155550101", tier: "vip" as const, segment: "consumer" },
  { name: "Priya Shah", email: "priya.shah@example.com", phone: "+442079460958", tier: "standard" as const, segment: "consumer" },
  { name: "Lucas Martin", email: "lucas.martin@example.com", phone: "+33142685300", tier: "standard" as const, segment: "consumer" },
];

/** Demo products. */
export const demoProducts = [
  { sku: "TENT-2P", name: "Trailhead 2-Person Tent", priceCents: 24900 },
  { sku: "BAG-30L", name: "Summit 30L Backpack", priceCents: 8950 },
  { sku: "STOVE-MINI", name: "Mini Camp Stove", priceCents: 3999 },
  { sku: "LAMP-USB", name: "Rechargeable Camp Lantern", priceCents: 2450 },
  { sku: "BOTTLE-1L", name: "Insulated Water Bottle", priceCents: 2900 },
];

/** Demo orders: number, customer index, status, product skus, carrier and tracking, delivery estimate and when placed (days before seeding). */
export const demoOrders = [
  { number: "ORD-10001", customer: 0, status: "shipped" as const, skus: ["TENT-2P"], carrier: "UPS", tracking: "1Z999AA10123456784", etaDays: 2, placedDaysAgo: 2 },
  { number: "ORD-10002", customer: 1, status: "processing" as const, skus: ["BAG-30L", "BOTTLE-1L"], carrier: null, tracking: null, etaDays: 5, placedDaysAgo: 0 },
  { number: "ORD-10003", customer: 2, status: "delivered" as const, skus: ["STOVE-MINI"], carrier: "DHL", tracking: "JD014600006281234567", etaDays: -3, placedDaysAgo: 7 },
  { number: "ORD-10004", customer: 0, status: "cancelled" as const, skus: ["LAMP-USB"], carrier: null, tracking: null, etaDays: 0, placedDaysAgo: 4 },
];

/** FAQ answers keyed by the intent that asks them. */
export const demoArticles = [
  {
    intents: ["check_refund_policy"],
    title: "Refund policy",
    body: "You can return any unused item within 30 days of delivery for a full refund. Refunds go back to your original payment method within 5–7 business days of the return reaching us.",
  },
  {
    intents: ["get_refund"],
    title: "Getting a refund",
    body: "To get a refund, start a return from Orders → Return item in your account, or tell me your order number. Once the item reaches us, the refund is issued within 5–7 business days.",
  },
  {
    intents: ["return_item"],
    title: "Returning an item",
    body: "Start a return from Orders → Return item in your account. We email you a prepaid label; drop the parcel at any carrier point within 14 days.",
  },
  {
    intents: ["check_payment_methods"],
    title: "Payment methods",
    body: "We accept Visa, Mastercard, American Express, PayPal, Apple Pay and Google Pay. Bank transfer is available for business accounts.",
  },
  {
    intents: ["delivery_options"],
    title: "Delivery options",
    body: "We offer standard delivery (3–5 business days, free over $50), express (1–2 business days, $12) and pickup from partner lockers.",
  },
  {
    intents: ["delivery_period"],
    title: "How long delivery takes",
    body: "Standard delivery takes 3–5 business days and express 1–2 business days from dispatch. Orders placed before 2 pm ship the same day.",
  },
  {
    intents: ["check_cancellation_fee"],
    title: "Cancellation fees",
    body: "Cancelling is free until your order ships. After it ships, you can return it within 30 days instead; return shipping is free.",
  },
  {
    intents: ["cancel_order"],
    title: "Cancelling an order",
    body: "You can cancel an order that hasn't shipped from Orders → Cancel in your account. If it has already shipped, you can return it within 30 days instead.",
  },
  {
    intents: ["recover_password"],
    title: "Resetting your password",
    body: "Choose \"Forgot password?\" on the sign-in page and enter your email address; we send a reset link that works for one hour. Check your spam folder if it doesn't arrive.",
  },
  {
    intents: ["create_account"],
    title: "Creating an account",
    body: "Choose \"Sign up\" at the top of any page, enter your email address and a password, and confirm the link we email you.",
  },
  {
    intents: ["newsletter_subscription"],
    title: "Newsletter",
    body: "You can subscribe or unsubscribe at the bottom of any page, or under Account → Email preferences. Every newsletter also has an unsubscribe link.",
  },
  {
    intents: ["get_invoice"],
    title: "Invoices",
    body: "Invoices are in your account under Orders → select the order → Download invoice. They are also attached to your shipping confirmation email.",
  },
  {
    intents: ["change_shipping_address"],
    title: "Changing the shipping address",
    body: "You can change the delivery address of an order that hasn't shipped under Orders → Edit address. Once shipped, the carrier's tracking page lets you redirect the parcel.",
  },
];
