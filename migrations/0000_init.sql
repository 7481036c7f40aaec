CREATE TABLE "adw_steps" (
	"adw_id" uuid NOT NULL,
	"step_index" integer NOT NULL,
	"step" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempt" integer DEFAULT 0 NOT NULL,
	"agent_id" uuid,
	"output" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"error" text,
	"started_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	CONSTRAINT "adw_steps_adw_id_step_index_pk" PRIMARY KEY("adw_id","step_index"),
	CONSTRAINT "adw_steps_status_check" CHECK ("adw_steps"."status" in ('pending', 'running', 'completed', 'failed', 'skipped', 'cancelled'))
);
--> statement-breakpoint
CREATE TABLE "adws" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"orchestrator_id" uuid NOT NULL,
	"name" text NOT NULL,
	"workflow_type" text NOT NULL,
	"description" text,
	"status" text DEFAULT 'pending' NOT NULL,
	"current_step" text,
	"total_steps" integer NOT NULL,
	"completed_steps" integer DEFAULT 0 NOT NULL,
	"input" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"output" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"error_message" text,
	"error_step" text,
	"started_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "adws_status_check" CHECK ("adws"."status" in ('pending', 'in_progress', 'completed', 'failed', 'cancelled')),
	CONSTRAINT "adws_steps_check" CHECK ("adws"."completed_steps" >= 0 and "adws"."completed_steps" <= "adws"."total_steps")
);
--> statement-breakpoint
CREATE TABLE "agents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"orchestrator_id" uuid NOT NULL,
	"name" text NOT NULL,
	"model" text NOT NULL,
	"system_prompt" text,
	"template" text,
	"status" text DEFAULT 'idle' NOT NULL,
	"adw_id" uuid,
	"adw_step" text,
	"budget_usd" numeric(14, 6),
	"metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agents_status_check" CHECK ("agents"."status" in ('idle', 'executing', 'blocked', 'complete', 'archived'))
);
--> statement-breakpoint
CREATE TABLE "chat_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"orchestrator_id" uuid NOT NULL,
	"sender" text NOT NULL,
	"agent_id" uuid,
	"kind" text DEFAULT 'text' NOT NULL,
	"content" text NOT NULL,
	"turn_id" uuid,
	"interrupted" boolean DEFAULT false NOT NULL,
	"summary" text,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "chat_messages_sender_check" CHECK ("chat_messages"."sender" in ('user', 'orchestrator', 'agent')),
	CONSTRAINT "chat_messages_kind_check" CHECK ("chat_messages"."kind" in ('text', 'thinking', 'tool_use', 'tool_result'))
);
--> statement-breakpoint
CREATE TABLE "events" (
	"orchestrator_id" uuid NOT NULL,
	"seq" bigint NOT NULL,
	"type" text NOT NULL,
	"category" text NOT NULL,
	"agent_id" uuid,
	"adw_id" uuid,
	"adw_step" text,
	"prompt_id" uuid,
	"summary" text,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "events_orchestrator_id_seq_pk" PRIMARY KEY("orchestrator_id","seq"),
	CONSTRAINT "events_seq_positive" CHECK ("events"."seq" > 0)
);
--> statement-breakpoint
CREATE TABLE "model_calls" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"orchestrator_id" uuid NOT NULL,
	"agent_id" uuid,
	"adw_id" uuid,
	"purpose" text NOT NULL,
	"model" text NOT NULL,
	"input_tokens" integer DEFAULT 0 NOT NULL,
	"output_tokens" integer DEFAULT 0 NOT NULL,
	"cache_write_tokens" integer DEFAULT 0 NOT NULL,
	"cache_read_tokens" integer DEFAULT 0 NOT NULL,
	"cost_usd" numeric(14, 6) DEFAULT 0 NOT NULL,
	"stop_reason" text,
	"duration_ms" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "model_calls_tokens_nonnegative" CHECK ("model_calls"."input_tokens" >= 0 and "model_calls"."output_tokens" >= 0 and "model_calls"."cache_write_tokens" >= 0 and "model_calls"."cache_read_tokens" >= 0)
);
--> statement-breakpoint
CREATE TABLE "orchestrators" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"model" text NOT NULL,
	"system_prompt" text,
	"status" text DEFAULT 'idle' NOT NULL,
	"budget_usd" numeric(14, 6),
	"metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "orchestrators_status_check" CHECK ("orchestrators"."status" in ('idle', 'running', 'archived'))
);
--> statement-breakpoint
CREATE TABLE "prompts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"orchestrator_id" uuid NOT NULL,
	"agent_id" uuid NOT NULL,
	"author" text NOT NULL,
	"task_slug" text NOT NULL,
	"text" text NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"summary" text,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	CONSTRAINT "prompts_status_check" CHECK ("prompts"."status" in ('queued', 'running', 'completed', 'interrupted', 'failed'))
);
--> statement-breakpoint
CREATE TABLE "system_logs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"orchestrator_id" uuid,
	"agent_id" uuid,
	"adw_id" uuid,
	"level" text NOT NULL,
	"message" text NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "system_logs_level_check" CHECK ("system_logs"."level" in ('debug', 'info', 'warning', 'error'))
);
--> statement-breakpoint
CREATE TABLE "workspace_file_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"file_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"content" text,
	"sha256" text,
	"diff" text DEFAULT '' NOT NULL,
	"lines_added" integer DEFAULT 0 NOT NULL,
	"lines_removed" integer DEFAULT 0 NOT NULL,
	"agent_id" uuid,
	"prompt_id" uuid,
	"tool_use_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "workspace_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"orchestrator_id" uuid NOT NULL,
	"path" text NOT NULL,
	"current_version" integer DEFAULT 1 NOT NULL,
	"size_bytes" integer DEFAULT 0 NOT NULL,
	"sha256" text NOT NULL,
	"deleted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "adw_steps" ADD CONSTRAINT "adw_steps_adw_id_adws_id_fk" FOREIGN KEY ("adw_id") REFERENCES "public"."adws"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adws" ADD CONSTRAINT "adws_orchestrator_id_orchestrators_id_fk" FOREIGN KEY ("orchestrator_id") REFERENCES "public"."orchestrators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agents" ADD CONSTRAINT "agents_orchestrator_id_orchestrators_id_fk" FOREIGN KEY ("orchestrator_id") REFERENCES "public"."orchestrators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chat_messages" ADD CONSTRAINT "chat_messages_orchestrator_id_orchestrators_id_fk" FOREIGN KEY ("orchestrator_id") REFERENCES "public"."orchestrators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chat_messages" ADD CONSTRAINT "chat_messages_agent_id_agents_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agents"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_orchestrator_id_orchestrators_id_fk" FOREIGN KEY ("orchestrator_id") REFERENCES "public"."orchestrators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_calls" ADD CONSTRAINT "model_calls_orchestrator_id_orchestrators_id_fk" FOREIGN KEY ("orchestrator_id") REFERENCES "public"."orchestrators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prompts" ADD CONSTRAINT "prompts_orchestrator_id_orchestrators_id_fk" FOREIGN KEY ("orchestrator_id") REFERENCES "public"."orchestrators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prompts" ADD CONSTRAINT "prompts_agent_id_agents_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "system_logs" ADD CONSTRAINT "system_logs_orchestrator_id_orchestrators_id_fk" FOREIGN KEY ("orchestrator_id") REFERENCES "public"."orchestrators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workspace_file_versions" ADD CONSTRAINT "workspace_file_versions_file_id_workspace_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."workspace_files"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workspace_files" ADD CONSTRAINT "workspace_files_orchestrator_id_orchestrators_id_fk" FOREIGN KEY ("orchestrator_id") REFERENCES "public"."orchestrators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "adws_orchestrator_idx" ON "adws" USING btree ("orchestrator_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "adws_active_idx" ON "adws" USING btree ("orchestrator_id") WHERE "adws"."status" in ('pending', 'in_progress');--> statement-breakpoint
CREATE UNIQUE INDEX "agents_live_name_uq" ON "agents" USING btree ("orchestrator_id","name") WHERE "agents"."archived_at" is null;--> statement-breakpoint
CREATE INDEX "agents_orchestrator_idx" ON "agents" USING btree ("orchestrator_id","created_at");--> statement-breakpoint
CREATE INDEX "agents_adw_idx" ON "agents" USING btree ("adw_id") WHERE "agents"."adw_id" is not null;--> statement-breakpoint
CREATE INDEX "chat_messages_page_idx" ON "chat_messages" USING btree ("orchestrator_id","created_at","id");--> statement-breakpoint
CREATE INDEX "events_agent_seq_idx" ON "events" USING btree ("orchestrator_id","agent_id","seq") WHERE "events"."agent_id" is not null;--> statement-breakpoint
CREATE INDEX "events_category_seq_idx" ON "events" USING btree ("orchestrator_id","category","seq");--> statement-breakpoint
CREATE INDEX "events_adw_seq_idx" ON "events" USING btree ("adw_id","seq") WHERE "events"."adw_id" is not null;--> statement-breakpoint
CREATE INDEX "model_calls_orchestrator_idx" ON "model_calls" USING btree ("orchestrator_id","created_at");--> statement-breakpoint
CREATE INDEX "model_calls_agent_idx" ON "model_calls" USING btree ("agent_id") WHERE "model_calls"."agent_id" is not null;--> statement-breakpoint
CREATE INDEX "model_calls_adw_idx" ON "model_calls" USING btree ("adw_id") WHERE "model_calls"."adw_id" is not null;--> statement-breakpoint
CREATE INDEX "orchestrators_active_created_idx" ON "orchestrators" USING btree ("created_at" DESC NULLS LAST) WHERE "orchestrators"."archived_at" is null;--> statement-breakpoint
CREATE INDEX "prompts_agent_queue_idx" ON "prompts" USING btree ("agent_id","created_at");--> statement-breakpoint
CREATE INDEX "prompts_orchestrator_idx" ON "prompts" USING btree ("orchestrator_id","created_at");--> statement-breakpoint
CREATE INDEX "system_logs_orchestrator_idx" ON "system_logs" USING btree ("orchestrator_id","id");--> statement-breakpoint
CREATE INDEX "system_logs_level_idx" ON "system_logs" USING btree ("orchestrator_id","level","id");--> statement-breakpoint
CREATE UNIQUE INDEX "workspace_file_versions_uq" ON "workspace_file_versions" USING btree ("file_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "workspace_file_versions_tool_use_uq" ON "workspace_file_versions" USING btree ("file_id","tool_use_id") WHERE "workspace_file_versions"."tool_use_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "workspace_files_path_uq" ON "workspace_files" USING btree ("orchestrator_id","path");