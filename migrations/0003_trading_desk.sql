CREATE TABLE "broker_accounts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"broker" text NOT NULL,
	"mode" text NOT NULL,
	"credentials_sealed" text,
	"key_id_hint" text,
	"trading_enabled" boolean NOT NULL,
	"max_order_notional" double precision,
	"max_daily_loss" double precision,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone,
	CONSTRAINT "broker_accounts_broker_check" CHECK ("broker_accounts"."broker" in ('offline', 'alpaca')),
	CONSTRAINT "broker_accounts_mode_check" CHECK ("broker_accounts"."mode" in ('paper', 'live')),
	CONSTRAINT "broker_accounts_offline_paper_check" CHECK ("broker_accounts"."broker" <> 'offline' or ("broker_accounts"."mode" = 'paper' and "broker_accounts"."credentials_sealed" is null)),
	CONSTRAINT "broker_accounts_alpaca_credentials_check" CHECK ("broker_accounts"."broker" <> 'alpaca' or "broker_accounts"."credentials_sealed" is not null)
);
--> statement-breakpoint
CREATE TABLE "broker_activities" (
	"account_id" uuid NOT NULL,
	"activity_id" text NOT NULL,
	"kind" text NOT NULL,
	"transaction_time" timestamp with time zone NOT NULL,
	"symbol" text NOT NULL,
	"payload" jsonb NOT NULL,
	"synced_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "broker_activities_account_id_activity_id_pk" PRIMARY KEY("account_id","activity_id"),
	CONSTRAINT "broker_activities_kind_check" CHECK ("broker_activities"."kind" in ('fill', 'expiry', 'assignment', 'exercise'))
);
--> statement-breakpoint
CREATE TABLE "broker_orders" (
	"account_id" uuid NOT NULL,
	"broker_order_id" text NOT NULL,
	"client_order_id" text NOT NULL,
	"status" text NOT NULL,
	"symbol" text,
	"side" text,
	"order_class" text NOT NULL,
	"order_type" text NOT NULL,
	"qty" double precision NOT NULL,
	"filled_qty" double precision NOT NULL,
	"filled_avg_price" double precision,
	"limit_price" double precision,
	"order" jsonb NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"broker_updated_at" timestamp with time zone NOT NULL,
	"synced_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "broker_orders_account_id_broker_order_id_pk" PRIMARY KEY("account_id","broker_order_id")
);
--> statement-breakpoint
CREATE TABLE "broker_sync_state" (
	"account_id" uuid PRIMARY KEY NOT NULL,
	"activities_through" timestamp with time zone,
	"orders_through" timestamp with time zone,
	"last_synced_at" timestamp with time zone,
	"last_error" text
);
--> statement-breakpoint
CREATE TABLE "option_snapshot_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"trigger" text NOT NULL,
	"snapshot_at" timestamp with time zone NOT NULL,
	"underlyings" text[] NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"contracts" integer DEFAULT 0 NOT NULL,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "option_snapshot_runs_trigger_check" CHECK ("option_snapshot_runs"."trigger" in ('cron', 'manual')),
	CONSTRAINT "option_snapshot_runs_status_check" CHECK ("option_snapshot_runs"."status" in ('running', 'succeeded', 'failed'))
);
--> statement-breakpoint
CREATE TABLE "option_snapshots" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"underlying" text NOT NULL,
	"symbol" text NOT NULL,
	"snapshot_at" timestamp with time zone NOT NULL,
	"expiry" text NOT NULL,
	"option_type" text NOT NULL,
	"strike" double precision NOT NULL,
	"underlying_price" double precision,
	"bid" double precision,
	"ask" double precision,
	"last" double precision,
	"implied_volatility" double precision,
	"delta" double precision,
	"gamma" double precision,
	"theta" double precision,
	"vega" double precision,
	"rho" double precision,
	"greeks_source" text,
	"source" text NOT NULL,
	CONSTRAINT "option_snapshots_type_check" CHECK ("option_snapshots"."option_type" in ('call', 'put'))
);
--> statement-breakpoint
CREATE TABLE "orchestrator_accounts" (
	"orchestrator_id" uuid PRIMARY KEY NOT NULL,
	"account_id" uuid NOT NULL,
	"selected_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "order_approvals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"orchestrator_id" uuid NOT NULL,
	"agent_id" uuid,
	"account_id" uuid NOT NULL,
	"tool_use_id" text,
	"client_order_id" text NOT NULL,
	"summary" text NOT NULL,
	"order" jsonb NOT NULL,
	"notional" double precision NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"reason" text,
	"broker_order_id" text,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "order_approvals_status_check" CHECK ("order_approvals"."status" in ('pending', 'approved', 'rejected', 'submitted', 'failed', 'expired'))
);
--> statement-breakpoint
CREATE TABLE "paper_accounts" (
	"account_id" uuid PRIMARY KEY NOT NULL,
	"starting_cash" double precision NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "paper_activities" (
	"account_id" uuid NOT NULL,
	"id" text NOT NULL,
	"kind" text NOT NULL,
	"transaction_time" timestamp with time zone NOT NULL,
	"symbol" text NOT NULL,
	"qty_delta" double precision NOT NULL,
	"cash_delta" double precision NOT NULL,
	"payload" jsonb NOT NULL,
	CONSTRAINT "paper_activities_account_id_id_pk" PRIMARY KEY("account_id","id")
);
--> statement-breakpoint
CREATE TABLE "paper_orders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"client_order_id" text NOT NULL,
	"status" text NOT NULL,
	"order" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "broker_activities" ADD CONSTRAINT "broker_activities_account_id_broker_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."broker_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "broker_orders" ADD CONSTRAINT "broker_orders_account_id_broker_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."broker_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "broker_sync_state" ADD CONSTRAINT "broker_sync_state_account_id_broker_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."broker_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orchestrator_accounts" ADD CONSTRAINT "orchestrator_accounts_orchestrator_id_orchestrators_id_fk" FOREIGN KEY ("orchestrator_id") REFERENCES "public"."orchestrators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orchestrator_accounts" ADD CONSTRAINT "orchestrator_accounts_account_id_broker_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."broker_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_approvals" ADD CONSTRAINT "order_approvals_orchestrator_id_orchestrators_id_fk" FOREIGN KEY ("orchestrator_id") REFERENCES "public"."orchestrators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_approvals" ADD CONSTRAINT "order_approvals_agent_id_agents_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agents"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_approvals" ADD CONSTRAINT "order_approvals_account_id_broker_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."broker_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "paper_accounts" ADD CONSTRAINT "paper_accounts_account_id_broker_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."broker_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "paper_activities" ADD CONSTRAINT "paper_activities_account_id_broker_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."broker_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "paper_orders" ADD CONSTRAINT "paper_orders_account_id_broker_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."broker_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "broker_activities_time_idx" ON "broker_activities" USING btree ("account_id","transaction_time");--> statement-breakpoint
CREATE UNIQUE INDEX "broker_orders_client_order_idx" ON "broker_orders" USING btree ("account_id","client_order_id");--> statement-breakpoint
CREATE INDEX "broker_orders_submitted_idx" ON "broker_orders" USING btree ("account_id","submitted_at");--> statement-breakpoint
CREATE UNIQUE INDEX "option_snapshot_runs_cron_claim_idx" ON "option_snapshot_runs" USING btree ("snapshot_at") WHERE "option_snapshot_runs"."trigger" = 'cron';--> statement-breakpoint
CREATE INDEX "option_snapshot_runs_created_idx" ON "option_snapshot_runs" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "option_snapshots_symbol_at_idx" ON "option_snapshots" USING btree ("symbol","snapshot_at");--> statement-breakpoint
CREATE INDEX "option_snapshots_underlying_at_idx" ON "option_snapshots" USING btree ("underlying","snapshot_at");--> statement-breakpoint
CREATE UNIQUE INDEX "order_approvals_client_order_idx" ON "order_approvals" USING btree ("account_id","client_order_id");--> statement-breakpoint
CREATE INDEX "order_approvals_orchestrator_status_idx" ON "order_approvals" USING btree ("orchestrator_id","status","created_at");--> statement-breakpoint
CREATE INDEX "paper_activities_symbol_idx" ON "paper_activities" USING btree ("account_id","symbol");--> statement-breakpoint
CREATE UNIQUE INDEX "paper_orders_client_order_idx" ON "paper_orders" USING btree ("account_id","client_order_id");--> statement-breakpoint
CREATE INDEX "paper_orders_created_idx" ON "paper_orders" USING btree ("account_id","created_at");