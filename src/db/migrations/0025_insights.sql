CREATE TABLE "customer_features" (
	"customer_id" uuid PRIMARY KEY NOT NULL,
	"run_id" uuid NOT NULL,
	"raw" jsonb NOT NULL,
	"standardized" jsonb NOT NULL,
	"top_intents" text[] DEFAULT '{}'::text[] NOT NULL,
	"top_topics" text[] DEFAULT '{}'::text[] NOT NULL,
	"channels" text[] DEFAULT '{}'::text[] NOT NULL,
	"segment_id" uuid,
	"segment_name" text,
	"x" real,
	"y" real,
	"map_rank" integer DEFAULT 0 NOT NULL,
	"churned" boolean,
	"churn_risk" real,
	"churn_drivers" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"computed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "insight_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigserial NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"trigger" text NOT NULL,
	"requested_by" uuid,
	"progress" real DEFAULT 0 NOT NULL,
	"stage" text,
	"message" text,
	"customers" integer DEFAULT 0 NOT NULL,
	"summary" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"seconds" real,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "insight_segments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"run_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"size" integer NOT NULL,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "segment_memberships" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"customer_id" uuid NOT NULL,
	"segment_name" text NOT NULL,
	"segment_id" uuid,
	"run_id" uuid NOT NULL,
	"since" timestamp with time zone NOT NULL,
	"until" timestamp with time zone,
	"ended_by_run_id" uuid
);
--> statement-breakpoint
ALTER TABLE "customer_features" ADD CONSTRAINT "customer_features_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "insight_runs" ADD CONSTRAINT "insight_runs_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "insight_segments" ADD CONSTRAINT "insight_segments_run_id_insight_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."insight_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "segment_memberships" ADD CONSTRAINT "segment_memberships_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "customer_features_risk_idx" ON "customer_features" USING btree ("churn_risk","customer_id") WHERE "customer_features"."churn_risk" is not null;--> statement-breakpoint
CREATE INDEX "customer_features_map_idx" ON "customer_features" USING btree ("map_rank");--> statement-breakpoint
CREATE INDEX "customer_features_segment_idx" ON "customer_features" USING btree ("segment_id");--> statement-breakpoint
CREATE INDEX "insight_runs_seq_idx" ON "insight_runs" USING btree ("seq");--> statement-breakpoint
CREATE INDEX "insight_runs_status_idx" ON "insight_runs" USING btree ("status","seq");--> statement-breakpoint
CREATE INDEX "insight_segments_run_idx" ON "insight_segments" USING btree ("run_id","position");--> statement-breakpoint
CREATE INDEX "segment_memberships_customer_idx" ON "segment_memberships" USING btree ("customer_id","since");--> statement-breakpoint
CREATE INDEX "segment_memberships_open_idx" ON "segment_memberships" USING btree ("customer_id") WHERE "segment_memberships"."until" is null;--> statement-breakpoint
CREATE INDEX "segment_memberships_ended_idx" ON "segment_memberships" USING btree ("ended_by_run_id");