CREATE TABLE "analyst_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"orchestrator_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"symbol" text,
	"input" jsonb NOT NULL,
	"output" jsonb NOT NULL,
	"model" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "analyst_reports_kind_check" CHECK ("analyst_reports"."kind" in ('sentiment_shift', 'insider_report', 'trade_journal'))
);
--> statement-breakpoint
CREATE TABLE "backtests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"orchestrator_id" uuid,
	"request" jsonb NOT NULL,
	"strategy" text NOT NULL,
	"symbols" text[] NOT NULL,
	"start_date" text NOT NULL,
	"end_date" text NOT NULL,
	"initial_cash" double precision NOT NULL,
	"final_value" double precision NOT NULL,
	"num_trades" integer NOT NULL,
	"metrics" jsonb NOT NULL,
	"equity_curve" jsonb NOT NULL,
	"trades" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "chain_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"orchestrator_id" uuid,
	"chain" text NOT NULL,
	"request" text,
	"params" jsonb NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"result" jsonb,
	"error" jsonb,
	"execution_log" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "chain_runs_status_check" CHECK ("chain_runs"."status" in ('running', 'succeeded', 'failed'))
);
--> statement-breakpoint
CREATE TABLE "pipeline_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"orchestrator_id" uuid NOT NULL,
	"schedule_id" uuid,
	"kind" text NOT NULL,
	"trigger" text NOT NULL,
	"scheduled_for" timestamp with time zone,
	"status" text DEFAULT 'queued' NOT NULL,
	"params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"result" jsonb,
	"error" text,
	"execution_log" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	CONSTRAINT "pipeline_runs_kind_check" CHECK ("pipeline_runs"."kind" in ('decision', 'backtest', 'chain')),
	CONSTRAINT "pipeline_runs_trigger_check" CHECK ("pipeline_runs"."trigger" in ('cron', 'manual', 'api')),
	CONSTRAINT "pipeline_runs_status_check" CHECK ("pipeline_runs"."status" in ('queued', 'running', 'succeeded', 'failed', 'missed'))
);
--> statement-breakpoint
CREATE TABLE "pipeline_schedules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"orchestrator_id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"cron" text NOT NULL,
	"timezone" text NOT NULL,
	"trading_days_only" boolean DEFAULT false NOT NULL,
	"paused" boolean DEFAULT false NOT NULL,
	"params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"checked_through" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pipeline_schedules_kind_check" CHECK ("pipeline_schedules"."kind" in ('decision', 'backtest', 'chain'))
);
--> statement-breakpoint
ALTER TABLE "analyst_reports" ADD CONSTRAINT "analyst_reports_orchestrator_id_orchestrators_id_fk" FOREIGN KEY ("orchestrator_id") REFERENCES "public"."orchestrators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "backtests" ADD CONSTRAINT "backtests_orchestrator_id_orchestrators_id_fk" FOREIGN KEY ("orchestrator_id") REFERENCES "public"."orchestrators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chain_runs" ADD CONSTRAINT "chain_runs_orchestrator_id_orchestrators_id_fk" FOREIGN KEY ("orchestrator_id") REFERENCES "public"."orchestrators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pipeline_runs" ADD CONSTRAINT "pipeline_runs_orchestrator_id_orchestrators_id_fk" FOREIGN KEY ("orchestrator_id") REFERENCES "public"."orchestrators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pipeline_runs" ADD CONSTRAINT "pipeline_runs_schedule_id_pipeline_schedules_id_fk" FOREIGN KEY ("schedule_id") REFERENCES "public"."pipeline_schedules"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pipeline_schedules" ADD CONSTRAINT "pipeline_schedules_orchestrator_id_orchestrators_id_fk" FOREIGN KEY ("orchestrator_id") REFERENCES "public"."orchestrators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "analyst_reports_symbol_idx" ON "analyst_reports" USING btree ("orchestrator_id","kind","symbol","created_at");--> statement-breakpoint
CREATE INDEX "backtests_created_idx" ON "backtests" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "chain_runs_created_idx" ON "chain_runs" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "pipeline_runs_claim_idx" ON "pipeline_runs" USING btree ("schedule_id","scheduled_for");--> statement-breakpoint
CREATE INDEX "pipeline_runs_orchestrator_created_idx" ON "pipeline_runs" USING btree ("orchestrator_id","created_at");--> statement-breakpoint
CREATE INDEX "pipeline_schedules_orchestrator_idx" ON "pipeline_schedules" USING btree ("orchestrator_id");