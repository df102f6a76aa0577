CREATE TABLE "csat_responses" (
	"conversation_id" uuid PRIMARY KEY NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"score" smallint,
	"comment" text,
	"via" text,
	"responded_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "report_alerts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"scope" text NOT NULL,
	"key" text NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"window_end" timestamp with time zone NOT NULL,
	"share" real NOT NULL,
	"threshold" real NOT NULL,
	"negative" integer NOT NULL,
	"volume" integer NOT NULL,
	"raised_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by" uuid
);
--> statement-breakpoint
ALTER TABLE "csat_responses" ADD CONSTRAINT "csat_responses_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_alerts" ADD CONSTRAINT "report_alerts_acknowledged_by_users_id_fk" FOREIGN KEY ("acknowledged_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "csat_responses_responded_idx" ON "csat_responses" USING btree ("responded_at");--> statement-breakpoint
CREATE UNIQUE INDEX "report_alerts_active_uq" ON "report_alerts" USING btree ("scope","key") WHERE ended_at is null;--> statement-breakpoint
CREATE INDEX "report_alerts_raised_idx" ON "report_alerts" USING btree ("raised_at","id");