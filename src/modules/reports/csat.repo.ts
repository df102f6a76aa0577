/** The CSAT report's queries: answers beside the NLP sentiment of the same conversations. */
import { sql } from "drizzle-orm";
import type { Database } from "../../db/index.ts";
import { rowsOf, within } from "./report-sql.ts";

/** A rated conversation with the mean sentiment score of its customer messages (null when none has one). */
export type RatedConversationRow = { conversation_id: string; score: number; comment: string | null; responded_at: Date; channel: string; inbox_id: string; sentiment: number | null; messages: number };

/** Every conversation rated in [from, to), oldest answer first, with the mean score of its customer messages. */
export async function ratedConversations(db: Database, from: Date, to: Date): Promise<RatedConversationRow[]> {
  return rowsOf<RatedConversationRow>(
    db,
    sql`select r.conversation_id, r.score::int as score, r.comment, r.responded_at, c.channel, c.inbox_id,
        (select avg(m.sentiment_score)::float8 from messages m where m.conversation_id = r.conversation_id and m.sender_type = 'customer' and m.sentiment_score is not null) as sentiment,
        (select count(*)::int from messages m where m.conversation_id = r.conversation_id and m.sender_type = 'customer' and m.sentiment_score is not null) as messages
      from csat_responses r join conversations c on c.id = r.conversation_id
      where r.score is not null and ${within(sql`r.responded_at`, from, to)}
      order by r.responded_at, r.conversation_id`,
  );
}
