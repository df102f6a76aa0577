/** Queries on conversations and messages. */
import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, getTableColumns, gt, inArray, like, lt, or, sql, type SQL } from "drizzle-orm";
import { tables, type Database } from "../../db/index.ts";
import { preparedOnce } from "../../db/prepared.ts";

/** A conversation row. */
export type ConversationRow = typeof tables.conversations.$inferSelect;
/** A message row. */
/** Columns the database fills for reports (agent_id by a trigger, migration 0016) and search only; the conversation code never reads them. */
type ReportColumn = "topics" | "sentimentScore" | "sentimentLabel" | "intent" | "agentId" | "searchVector";
/** A stored message as the conversation code sees it (without the report columns). */
export type MessageRow = Omit<typeof tables.messages.$inferSelect, ReportColumn>;

const REPORT_COLUMNS: ReportColumn[] = ["topics", "sentimentScore", "sentimentLabel", "intent", "agentId", "searchVector"];
/** The message columns to select: all but the report columns, which would only cost parsing. */
const messageColumns = Object.fromEntries(
  Object.entries(getTableColumns(tables.messages)).filter(([key]) => !REPORT_COLUMNS.includes(key as ReportColumn)),
) as Omit<ReturnType<typeof getTableColumns<typeof tables.messages>>, ReportColumn>;
/** Columns of a new message. */
export type NewMessage = typeof tables.messages.$inferInsert;

/** Finds a conversation by id. */
export async function findConversation(db: Database, id: string): Promise<ConversationRow | undefined> {
  const c = tables.conversations;
  const query = preparedOnce(db, "conversation_by_id", (name) => db.select().from(c).where(eq(c.id, sql.placeholder("id"))).limit(1).prepare(name));
  const [row] = await query.execute({ id });
  return row;
}

/** Finds the conversation a channel knows by its external id. */
export async function findConversationByExternalId(db: Database, channel: string, externalId: string): Promise<ConversationRow | undefined> {
  const c = tables.conversations;
  const query = preparedOnce(db, "conversation_by_external_id", (name) =>
    db
      .select()
      .from(c)
      .where(and(eq(c.channel, sql.placeholder("channel")), eq(c.externalId, sql.placeholder("externalId"))))
      .limit(1)
      .prepare(name),
  );
  const [row] = await query.execute({ channel, externalId });
  return row;
}

/** Creates the conversation for a channel's external id, or returns the one a concurrent request created. */
export async function createConversation(
  db: Database,
  values: { inboxId: string; customerId: string; channel: string; externalId: string },
): Promise<ConversationRow> {
  // Activity times come from JS (millisecond precision) so keyset cursors round-trip exactly.
  const query = preparedOnce(db, "create_conversation", (name) =>
    db
      .insert(tables.conversations)
      .values({
        inboxId: sql.placeholder("inboxId"),
        customerId: sql.placeholder("customerId"),
        channel: sql.placeholder("channel"),
        externalId: sql.placeholder("externalId"),
        lastMessageAt: sql.placeholder("lastMessageAt"),
      })
      .onConflictDoNothing()
      .returning()
      .prepare(name),
  );
  const [created] = await query.execute({ ...values, lastMessageAt: new Date() });
  if (created) return created;
  const existing = await findConversationByExternalId(db, values.channel, values.externalId);
  if (!existing) throw new Error("conversation vanished during creation");
  return existing;
}

/**
 * The id of the conversation for a channel's external id, in one statement: the existing one, or, for a visitor the
 * database has never seen, a new customer, its channel identity and the conversation together. Undefined when the
 * identity exists without this conversation (a returning customer in a new conversation): the caller then resolves
 * the customer itself. Customers' tables are written here because a first message must not cost three statements.
 */
export async function findOrOpenConversation(
  db: Database,
  values: { inboxId: string; channel: string; externalId: string; identityChannel: string; identityExternalId: string; customerName: string | null },
): Promise<string | undefined> {
  const c = tables.conversations;
  const customerId = randomUUID();
  // Foreign keys are checked at the end of the statement, so the identity may name the customer inserted after it.
  const result = (await db.execute(sql`
    with existing as (
      select ${c.id} as id from ${c} where ${c.channel} = ${values.channel} and ${c.externalId} = ${values.externalId}
    ), linked as (
      insert into ${tables.customerIdentities} (customer_id, channel, external_id)
      select ${customerId}::uuid, ${values.identityChannel}, ${values.identityExternalId} where not exists (select 1 from existing)
      on conflict do nothing returning customer_id
    ), customer as (
      insert into ${tables.customers} (id, name) select customer_id, ${values.customerName} from linked returning id
    ), opened as (
      insert into ${c} (inbox_id, customer_id, channel, external_id, last_message_at)
      select ${values.inboxId}, id, ${values.channel}, ${values.externalId}, ${new Date().toISOString()}::timestamptz from customer
      on conflict do nothing returning id
    )
    select coalesce((select id from existing), (select id from opened)) as id`)) as unknown as { rows: { id: string | null }[] };
  return result.rows[0]?.id ?? undefined;
}

/** The conversation columns a new message changes. */
export type ConversationPatch = Partial<Pick<ConversationRow, "status" | "subject" | "botState" | "sentiment" | "lastMessage" | "lastMessageAt">>;

/** A short number per set of conversation columns a statement changes, for statement names (PostgreSQL cuts names at 63 bytes). */
const patchShapes = new Map<string, number>();

/** The columns a patch sets (undefined means "leave as is"), in a fixed order, and the number of that set. */
function patchShape(patch: ConversationPatch | undefined): { keys: (keyof ConversationPatch)[]; shape: number } {
  const keys = (Object.keys(patch ?? {}) as (keyof ConversationPatch)[]).filter((key) => patch?.[key] !== undefined).sort();
  const id = keys.join(",");
  if (!patchShapes.has(id)) patchShapes.set(id, patchShapes.size + 1);
  return { keys, shape: patchShapes.get(id)! };
}

/** The .set() of a prepared update: each patched column from the placeholder set_<column>, and updated_at from `updatedAt`. */
function patchPlaceholders(keys: (keyof ConversationPatch)[], updatedAt: string): ConversationPatch {
  // Drizzle encodes a placeholder in .set() by its column, as in .values(), though its types admit only values and SQL there.
  return { ...Object.fromEntries(keys.map((key) => [key, sql.placeholder(`set_${key}`)])), updatedAt: sql.placeholder(updatedAt) } as unknown as ConversationPatch;
}

/** The values for patchPlaceholders' placeholders. */
function patchValues(keys: (keyof ConversationPatch)[], patch: ConversationPatch | undefined): Record<string, unknown> {
  return Object.fromEntries(keys.map((key) => [`set_${key}`, patch?.[key]]));
}

/**
 * The CTE "inserted": a message from placeholders, nothing when its client message id is already in the conversation.
 * Only the generated columns come back: the annotation is already in memory, and reading it back costs the most.
 */
function insertedMessage(db: Database) {
  const m = tables.messages;
  const p = sql.placeholder;
  return db.$with("inserted").as(
    db
      .insert(m)
      .values({
        conversationId: p("conversationId"),
        clientMsgId: p("clientMsgId"),
        senderType: p("senderType"),
        senderId: p("senderId"),
        senderName: p("senderName"),
        text: p("text"),
        annotation: p("annotation"),
        metadata: p("metadata"),
        createdAt: p("createdAt"),
      })
      .onConflictDoNothing()
      .returning({ id: m.id, seq: m.seq }),
  );
}

/**
 * Inserts a message unless the same client message id already exists in the conversation, and when it is new applies
 * `patch` to its conversation in the same statement; returns the row, whether it is new, and the conversation's channel.
 */
export async function insertMessageOnce(
  db: Database,
  values: NewMessage & { createdAt: Date },
  patch?: ConversationPatch,
): Promise<{ row: MessageRow; created: boolean; channel?: string; status?: ConversationRow["status"] }> {
  const { keys, shape } = patchShape(patch);
  const query = preparedOnce(db, `insert_message_once_${shape}`, (name) => {
    const c = tables.conversations;
    const p = sql.placeholder;
    const inserted = insertedMessage(db);
    const updated = db.$with("updated").as(
      db
        .update(c)
        .set(patchPlaceholders(keys, "createdAt"))
        .where(and(eq(c.id, p("conversationId")), sql`exists (select 1 from ${inserted})`))
        .returning({ channel: c.channel, status: c.status }),
    );
    return db
      .with(inserted, updated)
      .select({
        id: inserted.id,
        seq: inserted.seq,
        channel: sql<string | null>`(select ${updated.channel} from ${updated})`,
        status: sql<ConversationRow["status"] | null>`(select ${updated.status} from ${updated})`,
      })
      .from(inserted)
      .prepare(name);
  });
  const result = await query.execute({
    conversationId: values.conversationId,
    clientMsgId: values.clientMsgId ?? null,
    senderType: values.senderType,
    senderId: values.senderId ?? null,
    senderName: values.senderName ?? null,
    text: values.text,
    annotation: values.annotation ?? null,
    metadata: values.metadata ?? {},
    createdAt: values.createdAt,
    ...patchValues(keys, patch),
  });
  const [generated] = result;
  if (generated) {
    const row: MessageRow = {
      id: generated.id,
      seq: Number(generated.seq),
      conversationId: values.conversationId,
      clientMsgId: values.clientMsgId ?? null,
      senderType: values.senderType,
      senderId: values.senderId ?? null,
      senderName: values.senderName ?? null,
      text: values.text,
      annotation: values.annotation ?? null,
      metadata: values.metadata ?? {},
      delivery: null,
      createdAt: values.createdAt,
    };
    return { row, created: true, channel: generated.channel ?? undefined, status: generated.status ?? undefined };
  }
  if (!values.clientMsgId) throw new Error("message insert conflicted without a client message id");
  const existing = await findMessageByClientId(db, values.conversationId, values.clientMsgId);
  if (!existing) throw new Error("message insert conflicted but the stored message was not found");
  return { row: existing, created: false };
}

/**
 * The CTE "inserted" for a customer message: like insertedMessage, but the message is inserted from the conversation's
 * row locked FOR UPDATE, so its seq is drawn only once every earlier writer of the conversation has committed. Seq
 * order is then commit order within a conversation, which the bot's owed answers (owed_seq) rely on. No row (and no
 * message) when the conversation does not exist.
 */
function insertedCustomerMessage(db: Database) {
  const m = tables.messages;
  const c = tables.conversations;
  const p = sql.placeholder;
  const values: Record<string, SQL> = {
    id: sql`gen_random_uuid()`,
    seq: sql`nextval(pg_get_serial_sequence('messages', 'seq'))`,
    conversationId: sql`locked.id`,
    clientMsgId: sql`${p("clientMsgId")}::text`,
    senderType: sql`'customer'`,
    senderId: sql`null::uuid`,
    senderName: sql`null::text`,
    text: sql`${p("text")}::text`,
    annotation: sql`${p("annotation")}::jsonb`,
    metadata: sql`${p("metadata")}::jsonb`,
    delivery: sql`null::jsonb`,
    createdAt: sql`${p("messageCreatedAt")}::timestamptz`,
    // The database's trigger sets the message's agent.
    agentId: sql`null::uuid`,
  };
  // INSERT … SELECT lists every insertable column in table order: build the list from the table so the two always agree.
  // (Drizzle leaves out generated columns, as shouldDisableInsert() does: those generated always.)
  const columns = Object.entries(getTableColumns(m)).filter(([, column]) => column.generated === undefined || column.generated.type === "byDefault");
  const selected = sql.join(
    columns.map(([key]) => {
      if (!values[key]) throw new Error(`no value for messages.${key} in the customer message insert`);
      return values[key];
    }),
    sql`, `,
  );
  const locked = sql`(select ${c.id} as id from ${c} where ${c.id} = ${p("conversationId")}::uuid for update) locked`;
  return db.$with("inserted").as(
    db
      .insert(m)
      .select(sql`select ${selected} from ${locked}`)
      .onConflictDoNothing()
      .returning({ id: m.id, seq: m.seq }),
  );
}

/** What a customer message sets on its conversation; the sentiment trend, subject and reopening are worked out in SQL. */
export type InboundPatch = {
  lastMessage: NonNullable<ConversationRow["lastMessage"]>;
  /** The message's sentiment score, folded into the conversation's trend (start, end, minimum, count). */
  score: number;
  /** The subject a conversation takes from its first message that asks for something (null for a greeting or thanks). */
  subject: string | null;
};

/** Whether a customer message wants the bot's answer, and the lease the committing node takes to run the turn at once. */
export type TurnClaim = { wantAnswer: boolean; leaseToken: string; leaseMs: number };

/**
 * Inserts a customer message and, when it is new, updates its conversation in the same statement: last message,
 * sentiment trend, subject when it has none, a resolved conversation reopened with the bot (its memory cleared), the
 * answer owed (owed_seq) and, when free, the turn lease for `turn.leaseToken`.
 * Returns the message's generated columns and the updated conversation, or undefined when the conversation already
 * holds a message with this client message id (or does not exist). Reading the conversation first is not needed, so a message costs one
 * statement.
 */
export async function insertCustomerMessage(
  db: Database,
  values: Pick<NewMessage, "conversationId" | "clientMsgId" | "text" | "annotation" | "metadata"> & { createdAt: Date },
  patch: InboundPatch,
  turn: TurnClaim,
): Promise<{ id: string; seq: number; conversation: ConversationRow; earlierOwed: boolean } | undefined> {
  const query = preparedOnce(db, "insert_customer_message", (name) => {
    const c = tables.conversations;
    const p = sql.placeholder;
    const score = sql`${p("score")}::float8`;
    const inserted = insertedCustomerMessage(db);
    const seq = sql`(select ${inserted.seq} from ${inserted})`;
    // The bot owes this message an answer when it owns the conversation (a resolved one reopens with the bot).
    const owed = sql`(${p("wantAnswer")}::boolean and ${c.status} in ('bot', 'resolved'))`;
    const leaseFree = sql`(${c.turnLeaseUntil} is null or ${c.turnLeaseUntil} < now())`;
    const takesLease = sql`${owed} and ${leaseFree}`;
    // SET expressions read the row as it was, so status and bot_state both see the old status.
    const updated = db.$with("updated").as(
      db
        .update(c)
        .set({
          lastMessage: p("lastMessage"),
          lastMessageAt: p("createdAt"),
          updatedAt: p("createdAt"),
          sentiment: sql`jsonb_build_object(
            'start', coalesce(${c.sentiment}->'start', to_jsonb(${score})),
            'end', ${score},
            'min', least(coalesce((${c.sentiment}->>'min')::float8, ${score}), ${score}),
            'count', coalesce((${c.sentiment}->>'count')::int, 0) + 1)`,
          subject: sql`coalesce(${c.subject}, ${p("subject")})`,
          status: sql`case when ${c.status} = 'resolved' then 'bot' else ${c.status} end`,
          botState: sql`case when ${c.status} = 'resolved' then '{}'::jsonb else ${c.botState} end`,
          // Owed in the statement that commits the message; a reopened conversation owes nothing from before.
          owedSeq: sql`case when ${owed} then ${seq} else ${c.owedSeq} end`,
          answeredSeq: sql`case when ${owed} and ${c.status} = 'resolved' then ${seq} - 1 else ${c.answeredSeq} end`,
          // The committing node takes the turn lease when nobody holds it; otherwise the holder sees owed_seq rise.
          turnLeaseOwner: sql`case when ${takesLease} then ${p("leaseToken")}::uuid else ${c.turnLeaseOwner} end`,
          turnLeaseUntil: sql`case when ${takesLease} then now() + ${p("leaseMs")}::int * interval '1 millisecond' else ${c.turnLeaseUntil} end`,
        } as unknown as ConversationPatch)
        .where(and(eq(c.id, p("conversationId")), sql`exists (select 1 from ${inserted})`))
        .returning(),
    );
    // Every column of the updated conversation, as a nested object of the result row.
    const conversation = Object.fromEntries(Object.keys(getTableColumns(c)).map((key) => [key, updated[key as keyof typeof updated]])) as unknown as typeof updated._.selectedFields;
    // The conversation as this statement's snapshot saw it: was an earlier answer still owed?
    const previousOwedSeq = sql<string>`(select previous.owed_seq from ${c} previous where previous.id = ${p("conversationId")}::uuid)`;
    return db
      .with(inserted, updated)
      .select({ id: inserted.id, seq: inserted.seq, conversation, previousOwedSeq })
      .from(inserted)
      .innerJoin(updated, sql`true`)
      .prepare(name);
  });
  const [row] = await query.execute({
    conversationId: values.conversationId,
    clientMsgId: values.clientMsgId ?? null,
    senderType: "customer",
    senderId: null,
    senderName: null,
    text: values.text,
    // Raw SQL placeholders get no column encoding: JSON and time go as text.
    annotation: values.annotation ? JSON.stringify(values.annotation) : null,
    metadata: JSON.stringify(values.metadata ?? {}),
    messageCreatedAt: values.createdAt.toISOString(),
    createdAt: values.createdAt,
    lastMessage: patch.lastMessage,
    score: patch.score,
    subject: patch.subject,
    wantAnswer: turn.wantAnswer,
    leaseToken: turn.leaseToken,
    leaseMs: turn.leaseMs,
  });
  if (!row) return undefined;
  return { id: row.id, seq: Number(row.seq), conversation: row.conversation, earlierOwed: Number(row.previousOwedSeq) > row.conversation.answeredSeq };
}

/** Finds the message a sender already stored under a client message id. */
export async function findMessageByClientId(db: Database, conversationId: string, clientMsgId: string): Promise<MessageRow | undefined> {
  const m = tables.messages;
  const [row] = await db
    .select(messageColumns)
    .from(m)
    .where(and(eq(m.conversationId, conversationId), eq(m.clientMsgId, clientMsgId)))
    .limit(1);
  return row;
}

/** Finds a message by id. */
export async function findMessage(db: Database, id: string): Promise<MessageRow | undefined> {
  const [row] = await db.select(messageColumns).from(tables.messages).where(eq(tables.messages.id, id)).limit(1);
  return row;
}

/** Messages of a conversation after the one with id `afterId` (all when absent), in order. */
export async function listMessagesAfter(db: Database, conversationId: string, afterId: string | undefined, limit: number): Promise<MessageRow[]> {
  const conditions: SQL[] = [eq(tables.messages.conversationId, conversationId)];
  if (afterId) {
    conditions.push(
      gt(tables.messages.seq, sql`coalesce((select seq from messages where id = ${afterId}::uuid and conversation_id = ${conversationId}::uuid), 0)`),
    );
  }
  return db
    .select(messageColumns)
    .from(tables.messages)
    .where(and(...conditions))
    .orderBy(asc(tables.messages.seq))
    .limit(limit);
}

/** The latest `limit` messages before seq `beforeSeq` (newest page when absent), returned oldest first. */
export async function listMessagesPage(db: Database, conversationId: string, beforeSeq: number | undefined, limit: number): Promise<MessageRow[]> {
  const conditions: SQL[] = [eq(tables.messages.conversationId, conversationId)];
  if (beforeSeq !== undefined) conditions.push(lt(tables.messages.seq, beforeSeq));
  const rows = await db
    .select(messageColumns)
    .from(tables.messages)
    .where(and(...conditions))
    .orderBy(desc(tables.messages.seq))
    .limit(limit);
  return rows.reverse();
}

/** Applies a change to a conversation and returns the updated row. */
export async function updateConversation(db: Database, id: string, patch: ConversationPatch): Promise<ConversationRow | undefined> {
  const { keys, shape } = patchShape(patch);
  const c = tables.conversations;
  const query = preparedOnce(db, `update_conversation_${shape}`, (name) =>
    db
      .update(c)
      .set(patchPlaceholders(keys, "updatedAt"))
      .where(eq(c.id, sql.placeholder("id")))
      .returning()
      .prepare(name),
  );
  const [row] = await query.execute({ id, updatedAt: new Date(), ...patchValues(keys, patch) });
  return row;
}

/** Keyset cursor over conversations: last activity time and id of the last row of the previous page. */
export type ConversationCursor = { at: string; id: string };

/**
 * A conversation with what the console shows beside it: the customer, the email and phone the customer wrote that the
 * profile lacks (open suggestions, the latest per field), and the latest ticket's id.
 */
export type ConversationView = {
  conversation: ConversationRow;
  customer: typeof tables.customers.$inferSelect | null;
  suggested: { email?: string; phone?: string } | null;
  ticketId: string | null;
  /** The conversation's labels, by name. */
  labels: { id: string; name: string; color: string }[];
  /** Who the unresolved ticket is assigned to, if anyone. */
  assignee: { id: string; name: string } | null;
  /** Until when the unresolved ticket is snoozed (null: not snoozed, or the time has passed). */
  snoozedUntil: string | Date | null;
};

/** One statement for a conversation, its customer, their open contact suggestions and the latest ticket. */
function selectViews(db: Database) {
  const c = tables.conversations;
  const cu = tables.customers;
  return db
    .select({
      conversation: c,
      customer: cu,
      // A value the profile holds by now (an agent typed it) is no suggestion any more.
      suggested: sql<{ email?: string; phone?: string } | null>`(
        select jsonb_object_agg(s.field, s.value) from (
          select distinct on (s.field) s.field, s.value from customer_suggestions s
          where s.customer_id = ${c.customerId} and s.status = 'open' and s.field in ('email', 'phone')
            and case s.field when 'email' then ${cu.email} is distinct from s.value
              else ${cu.phoneDigits} is distinct from regexp_replace(s.value, '[^0-9]', '', 'g') end
          order by s.field, s.created_at desc
        ) s)`,
      ticketId: sql<string | null>`(select t.id from tickets t where t.conversation_id = ${c.id} order by t.created_at desc limit 1)`,
      labels: sql<{ id: string; name: string; color: string }[]>`coalesce((
        select jsonb_agg(jsonb_build_object('id', l.id, 'name', l.name, 'color', l.color) order by l.name)
        from conversation_labels cl join labels l on l.id = cl.label_id where cl.conversation_id = ${c.id}), '[]'::jsonb)`,
      assignee: sql<{ id: string; name: string } | null>`(
        select jsonb_build_object('id', u.id, 'name', u.name) from tickets t join users u on u.id = t.assignee_id
        where t.conversation_id = ${c.id} and t.status <> 'resolved' order by t.created_at desc limit 1)`,
      snoozedUntil: sql<string | Date | null>`(
        select t.snoozed_until from tickets t
        where t.conversation_id = ${c.id} and t.status <> 'resolved' and t.snoozed_until > now() order by t.created_at desc limit 1)`,
    })
    .from(c)
    .leftJoin(tables.customers, eq(tables.customers.id, c.customerId));
}

/** Finds one conversation with its customer and latest ticket. */
export async function findConversationView(db: Database, id: string): Promise<ConversationView | undefined> {
  const query = preparedOnce(db, "conversation_view_by_id", (name) =>
    selectViews(db).where(eq(tables.conversations.id, sql.placeholder("id"))).limit(1).prepare(name),
  );
  const [row] = await query.execute({ id });
  return row;
}

/** Lists conversations (with customer and latest ticket) by latest activity, newest first, filtered by status and, optionally, a channel and a label id. */
export async function listConversations(
  db: Database,
  statuses: ConversationRow["status"][] | null,
  cursor: ConversationCursor | null,
  limit: number,
  filters: { channel?: string; labelId?: string; hideSnoozed?: boolean; onlySnoozed?: boolean } = {},
): Promise<ConversationView[]> {
  const c = tables.conversations;
  const conditions: SQL[] = [];
  if (statuses) conditions.push(inArray(c.status, statuses));
  // Snoozing is a query-time rule: the conversation is back in the active lists as soon as snoozed_until has passed.
  const snoozed = sql`exists (select 1 from tickets t where t.conversation_id = ${c.id} and t.status <> 'resolved' and t.snoozed_until > now())`;
  if (filters.hideSnoozed) conditions.push(sql`not ${snoozed}`);
  if (filters.onlySnoozed) conditions.push(snoozed);
  // Bot Framework conversations are stored per channel behind it ("botframework:msteams"): the filter takes them all.
  if (filters.channel) conditions.push(filters.channel === "botframework" ? like(c.channel, "botframework:%") : eq(c.channel, filters.channel));
  if (filters.labelId) conditions.push(sql`exists (select 1 from conversation_labels cl where cl.conversation_id = ${c.id} and cl.label_id = ${filters.labelId}::uuid)`);
  if (cursor) {
    const at = new Date(cursor.at);
    conditions.push(or(lt(c.lastMessageAt, at), and(eq(c.lastMessageAt, at), lt(c.id, cursor.id))) as SQL);
  }
  return selectViews(db)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(c.lastMessageAt), desc(c.id))
    .limit(limit);
}

/** The id of a label named by its id or its name (the conversation list's filter). */
export async function findLabelId(db: Database, idOrName: string): Promise<string | undefined> {
  const l = tables.labels;
  const isId = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(idOrName);
  const [row] = await db
    .select({ id: l.id })
    .from(l)
    .where(isId ? or(eq(l.id, idOrName), eq(l.name, idOrName)) : eq(l.name, idOrName))
    .limit(1);
  return row?.id;
}
