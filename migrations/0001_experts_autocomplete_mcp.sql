CREATE TABLE "autocomplete_feedback" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"orchestrator_id" uuid NOT NULL,
	"outcome" text NOT NULL,
	"input_before" text NOT NULL,
	"completion" text,
	"reasoning" text,
	"input_sent" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "autocomplete_feedback_outcome_check" CHECK ("autocomplete_feedback"."outcome" in ('accepted', 'rejected', 'ignored'))
);
--> statement-breakpoint
CREATE TABLE "expertise_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"orchestrator_id" uuid NOT NULL,
	"domain" text NOT NULL,
	"content" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"max_lines" integer DEFAULT 1000 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "expertise_documents_max_lines_check" CHECK ("expertise_documents"."max_lines" > 0)
);
--> statement-breakpoint
CREATE TABLE "expertise_versions" (
	"document_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"content" text NOT NULL,
	"diff" text NOT NULL,
	"lines_added" integer DEFAULT 0 NOT NULL,
	"lines_removed" integer DEFAULT 0 NOT NULL,
	"author" text NOT NULL,
	"reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "expertise_versions_document_id_version_pk" PRIMARY KEY("document_id","version")
);
--> statement-breakpoint
CREATE TABLE "mcp_servers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"orchestrator_id" uuid NOT NULL,
	"name" text NOT NULL,
	"url" text NOT NULL,
	"auth_kind" text DEFAULT 'none' NOT NULL,
	"secret_ciphertext" text,
	"oauth_config" jsonb,
	"enabled" boolean DEFAULT true NOT NULL,
	"tools_cache" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"tools_cached_at" timestamp with time zone,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mcp_servers_auth_kind_check" CHECK ("mcp_servers"."auth_kind" in ('none', 'bearer', 'oauth'))
);
--> statement-breakpoint
ALTER TABLE "autocomplete_feedback" ADD CONSTRAINT "autocomplete_feedback_orchestrator_id_orchestrators_id_fk" FOREIGN KEY ("orchestrator_id") REFERENCES "public"."orchestrators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expertise_documents" ADD CONSTRAINT "expertise_documents_orchestrator_id_orchestrators_id_fk" FOREIGN KEY ("orchestrator_id") REFERENCES "public"."orchestrators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expertise_versions" ADD CONSTRAINT "expertise_versions_document_id_expertise_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."expertise_documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mcp_servers" ADD CONSTRAINT "mcp_servers_orchestrator_id_orchestrators_id_fk" FOREIGN KEY ("orchestrator_id") REFERENCES "public"."orchestrators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "autocomplete_feedback_recent_idx" ON "autocomplete_feedback" USING btree ("orchestrator_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "expertise_documents_domain_idx" ON "expertise_documents" USING btree ("orchestrator_id","domain");--> statement-breakpoint
CREATE INDEX "expertise_versions_created_idx" ON "expertise_versions" USING btree ("document_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "mcp_servers_name_idx" ON "mcp_servers" USING btree ("orchestrator_id","name");