/** User-facing text of the console (English), kept in one place so no view inlines copy. */

/** Product name shown in the header and on the sign-in page. */
export const PRODUCT_NAME = "Switchboard";

/** The browser tab's title (prefixed with the unread count). */
export const PAGE_TITLE = "Switchboard console";

/** Text of the sign-in screen. */
export const LOGIN_TEXT = {
  title: "Sign in to Switchboard",
  subtitle: "Agent and manager console",
  email: "Email",
  password: "Password",
  submit: "Sign in",
  submitting: "Signing in…",
  invalid: "Wrong email or password.",
  loading: "Loading…",
} as const;

/** Text of the invite page (/console/invite/:token): an invited user chooses their password. */
export const INVITE_TEXT = {
  title: "Set your password",
  subtitle: "Choose the password you will sign in with (at least 12 characters, as for any password).",
  password: "New password",
  confirm: "Repeat the password",
  mismatch: "The two passwords differ.",
  submit: "Set password and sign in",
  submitting: "Setting your password…",
  missing: "This invite link is incomplete; open the link from your email again.",
  signIn: "Go to the sign-in page",
} as const;

/** Text of the header bar. */
export const HEADER_TEXT = {
  online: "Online",
  away: "Away",
  offline: "Offline",
  presenceHint: "Click to change your availability",
  logout: "Log out",
  connected: "Live",
  connecting: "Connecting…",
  reconnecting: "Reconnecting…",
} as const;

/** Text of the header's page navigation (managers and admins). */
export const NAV_TEXT = {
  label: "Pages",
  inbox: "Inbox",
  reports: "Reports",
} as const;

/** Text of the sessions and password page. */
export const SECURITY_TEXT = {
  open: "Sessions",
  openHint: "Your profile, sessions and password",
  title: "Profile, sessions and password",
  back: "Back to inbox",
  sessions: "Where you are signed in",
  loading: "Loading…",
  empty: "No other sessions",
  emptyHint: "Only this browser is signed in.",
  failed: "The sessions could not be loaded",
  retry: "Retry",
  current: "This browser",
  unknownBrowser: "Unknown browser",
  unknownIp: "unknown address",
  signedIn: "Signed in",
  lastUsed: "last used",
  end: "Sign out",
  ending: "Signing out…",
  everywhere: "Log out everywhere",
  everywhereHint: "Ends every session, this one included.",
  password: "Change password",
  currentPassword: "Current password",
  newPassword: "New password",
  newPasswordHint: "At least {n} characters. Every other session is signed out.",
  save: "Change password",
  saving: "Changing…",
  saved: "Password changed. Your other sessions were signed out.",
} as const;

/** Text of the reports page. */
export const REPORTS_TEXT = {
  title: "Top topics",
  back: "Back to inbox",
  period: "Period",
  last7: "Last 7 days",
  last30: "Last 30 days",
  last90: "Last 90 days",
  loading: "Loading…",
  messageOne: "customer message",
  messageMany: "customer messages",
  topic: "Topic",
  messages: "Messages",
  conversations: "Conversations",
  sentiment: "Mean sentiment",
  negative: "Negative",
  intent: "Top intent",
  sentimentHint: "Mean sentiment score of these messages (below zero is negative)",
  negativeHint: "Share of these messages labelled negative",
  noMessages: "No customer messages in this period",
  noMessagesHint: "Try a longer period.",
  noTopics: "Messages in this period have no topics yet",
  noTopicsHint: "Topics are the key phrases customers write; greetings and thanks have none.",
  failed: "The report could not be loaded",
  retry: "Retry",
  trend: "Trend",
  trendHint: "Messages with this topic against the previous period of the same length",
  trendNew: "New",
  trendSteady: "Steady",
  inGroup: "with",
  withoutTopic: "Messages without a topic, by intent",
  withoutTopicHint: "Messages such as “I am furious, fix it now” hold no key phrase: they are counted under their intent.",
} as const;

/** Text of the inbox pane (conversation and ticket lists). */
export const INBOX_TEXT = {
  conversations: "Conversations",
  tickets: "Tickets",
  filterOpen: "Open",
  filterHandoff: "Waiting for human",
  filterBot: "Bot",
  filterSnoozed: "Snoozed",
  filterResolved: "Resolved",
  filterAll: "All",
  channelFilter: "Channel",
  allChannels: "All channels",
  ticketOpen: "Open",
  ticketPending: "Pending",
  ticketResolved: "Resolved",
  assigneeAny: "Anyone",
  assigneeMe: "Mine",
  assigneeUnassigned: "Unassigned",
  emptyConversations: "No conversations yet",
  emptyConversationsHint: "New conversations appear here as soon as customers write.",
  emptySnoozed: "No snoozed conversations",
  emptySnoozedHint: "Snooze a conversation from its ticket card; it waits here until its time comes, then returns to the open lists.",
  emptyTickets: "No tickets here",
  emptyTicketsHint: "Tickets are opened when the bot hands a conversation to a human.",
  loadMore: "Load more",
  loading: "Loading…",
  noMessages: "No messages yet",
  anonymous: "Visitor",
  unassigned: "Unassigned",
} as const;

/** Text of the conversation pane. */
export const CONVERSATION_TEXT = {
  nothingSelected: "Select a conversation",
  nothingSelectedHint: "Pick a conversation on the left to read it and reply.",
  loadEarlier: "Load earlier messages",
  typing: "typing…",
  replyPlaceholder: "Type your reply… (Enter to send, Shift+Enter for a new line)",
  send: "Send",
  replyOn: "Reply on",
  replyOnHint: "Send this reply through another channel of the same customer; it stays in this conversation.",
  thisConversation: "this conversation",
  replyChannelsLoading: "Loading channels…",
  replyChannelsFailed: "Other channels could not be loaded: replies go on this conversation's channel.",
  sending: "Sending…",
  failed: "Not sent.",
  retry: "Retry",
  channelOfMessage: "The channel this message came or went on",
  channelPending: "Sending to the customer's channel…",
  channelSent: "Sent to the customer's channel",
  channelDelivered: "Delivered",
  channelRead: "Read",
  channelFailed: "Not delivered:",
  channelRetrying: (attempts: number) => `attempt ${attempts} failed, retrying`,
  discard: "Discard",
  charactersLeft: "characters left",
  overLimit: "Over the 4000-character limit by",
  resolvedNotice: "This conversation is resolved.",
  senderCustomer: "Customer",
  senderBot: "Bot",
  senderAgent: "Agent",
  senderSystem: "System",
  sentiment: "Sentiment",
  intent: "Intent",
  drivers: "Driven by",
  noDrivers: "no sentiment words",
  subject: "Subject",
  attachments: "Attachments",
  unnamedFile: "file",
  photo: "photo",
  download: (name: string) => `Download ${name}`,
} as const;

/** Text of the details pane (customer, ticket, sentiment trend). */
export const DETAILS_TEXT = {
  customer: "Customer",
  name: "Name",
  email: "Email",
  phone: "Phone",
  since: "Customer since",
  channel: "Channel",
  unknown: "—",
  suggested: "Mentioned in the chat",
  addToProfile: "Add to profile",
  ticket: "Ticket",
  noTicket: "No ticket: the bot is handling this conversation.",
  status: "Status",
  priority: "Priority",
  assignee: "Assignee",
  assignToMe: "Assign to me",
  resolve: "Resolve ticket",
  resolved: "Resolved",
  reason: "Reason",
  trend: "Sentiment trend",
  trendEmpty: "No customer messages scored yet.",
  trendStart: "Start",
  trendNow: "Now",
  trendLowest: "Lowest",
  trendMessages: "Messages",
  improving: "Improving",
  worsening: "Worsening",
  steady: "Steady",
} as const;

/** Labels of conversation statuses. */
export const CONVERSATION_STATUS_TEXT = { bot: "Bot", handoff: "Waiting for human", resolved: "Resolved" } as const;

/** Labels of ticket statuses. */
export const TICKET_STATUS_TEXT = { open: "Open", pending: "Pending", resolved: "Resolved" } as const;

/** Labels of ticket priorities. */
export const PRIORITY_TEXT = { low: "Low", normal: "Normal", high: "High", urgent: "Urgent" } as const;

/** Error texts shown in the banner when the server gives no message of its own. */
export const ERROR_TEXT = {
  network: "Cannot reach the server. Check your connection and try again.",
  unexpected: "Something went wrong. Please try again.",
  sessionEnded: "Your session has ended. Please sign in again.",
  dismiss: "Dismiss",
} as const;

/** The ticket's history in the details pane. */
export const TICKET_HISTORY_TEXT = {
  title: "History",
  loading: "Loading history…",
  failed: "The history could not be loaded.",
  apiKey: (name: string) => `${name} (API key)`,
  actors: { bot: "The bot", system: "Routing", customer: "The customer", agent: "Someone", api_key: "An API key" },
  created: "opened the ticket",
  assigned: (to: string | null) => (to ? `assigned it to ${to}` : "assigned it"),
  unassigned: "put it back in the queue",
  /** Routing's own account of a decision ("routed to Sam Support: team Billing, skill get_refund, 2 of 4 open"). */
  routed: (reason: string) => reason,
  withNote: (text: string, note: string) => `${text}: “${note}”`,
  team: (to: string | null | undefined) => (to === null ? "took it from its team" : to ? `gave it to the team ${to}` : "gave it to a team"),
  snoozed: (until: string) => `snoozed it until ${until}`,
  unsnoozed: "woke it",
  status: (from: string, to: string) => `changed the status from ${from} to ${to}`,
  priority: (from: string, to: string) => `changed the priority from ${from} to ${to}`,
  other: (type: string) => type.replace(/_/g, " "),
} as const;

/** How each channel is named in the console (the conversation list's filter, each message's channel). */
export const CHANNEL_NAMES: Record<string, string> = {
  web: "Web chat",
  email: "Email",
  telegram: "Telegram",
  whatsapp: "WhatsApp",
  slack: "Slack",
  sms: "SMS",
  api: "API",
  botframework: "Bot Framework",
};
