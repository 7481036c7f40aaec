/**
 * Request and response schemas of the remote MCP server routes (routes/mcp-servers.ts). Secrets are
 * accepted in requests and never appear in a response: the JSON says `has_secret` instead.
 */
import { z } from '@hono/zod-openapi';
import type { McpServerRow } from '../db/mcp-servers.ts';
import { lineText } from '../http/text.ts';
import { toCachedTools } from '../mcp-client/cache.ts';
import { isServerName, namespacedToolName, SERVER_NAME_RULE } from '../mcp-client/names.ts';
import { oauthConfigOf } from '../mcp-client/oauth.ts';
import { serverUrlProblem, URL_RULE } from '../mcp-client/url-rule.ts';
import { UuidParam } from './common-schemas.ts';

const serverName = lineText().refine(isServerName, `must be ${SERVER_NAME_RULE}`);

export const ServerNameParam = serverName.openapi({ param: { name: 'name', in: 'path' }, example: 'docs' });
export const ServerParams = z.object({ id: UuidParam, name: ServerNameParam });

const serverUrl = lineText()
  .max(2_000)
  .superRefine((value, ctx) => {
    const problem = serverUrlProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .openapi({ description: URL_RULE, example: 'https://mcp.example.com/mcp' });

const secret = lineText().min(1).max(4_096);

const AuthInputSchema = z
  .discriminatedUnion('type', [
    z.strictObject({ type: z.literal('none') }),
    z.strictObject({ type: z.literal('bearer'), token: secret }),
    z.strictObject({
      type: z.literal('oauth'),
      client_id: lineText().min(1).max(256),
      client_secret: secret,
      token_url: serverUrl,
      scopes: z
        .array(lineText().regex(/^\S+$/, 'must be one scope, without spaces').max(200))
        .max(20)
        .optional(),
    }),
  ])
  .openapi('McpServerAuthInput', {
    description: 'How to authenticate: none, a static bearer token, or OAuth client credentials.',
  });

export type AuthInput = z.infer<typeof AuthInputSchema>;

export const CreateServerSchema = z
  .strictObject({
    name: serverName.openapi({
      description: `The tools' namespace (mcp__<name>__<tool>): ${SERVER_NAME_RULE}`,
    }),
    url: serverUrl,
    auth: AuthInputSchema.optional(),
    enabled: z.boolean().optional(),
  })
  .openapi('McpServerCreate');

export const PatchServerSchema = z
  .strictObject({
    url: serverUrl.optional(),
    auth: AuthInputSchema.optional(),
    enabled: z.boolean().optional(),
  })
  .openapi('McpServerPatch', {
    description: 'The name cannot change (it is the namespace granted to agents). `auth` is replaced whole.',
  });

const ToolSchema = z.object({
  name: z.string().openapi({ description: 'The remote name' }),
  namespaced_name: z.string().openapi({ example: 'mcp__docs__search' }),
  description: z.string(),
});

export const ServerSchema = z
  .object({
    name: z.string().openapi({ example: 'docs' }),
    url: z.string(),
    auth: z.object({
      type: z.enum(['none', 'bearer', 'oauth']),
      client_id: z.string().optional(),
      token_url: z.string().optional(),
      scopes: z.array(z.string()).optional(),
    }),
    has_secret: z.boolean().openapi({ description: 'Credentials are stored (sealed; never returned)' }),
    enabled: z.boolean(),
    tools: z.array(ToolSchema).openapi({ description: 'The cached tool list (empty until listed)' }),
    tools_cached_at: z.string().nullable(),
    last_error: z.string().nullable(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi('McpServer');

export const ServerListSchema = z.object({ servers: z.array(ServerSchema) }).openapi('McpServerList');

export function toServerJson(row: McpServerRow): z.infer<typeof ServerSchema> {
  const oauth = row.authKind === 'oauth' ? oauthConfigOf(row.oauthConfig) : undefined;
  return {
    name: row.name,
    url: row.url,
    auth: {
      type: row.authKind,
      ...(oauth ? { client_id: oauth.clientId, token_url: oauth.tokenUrl, scopes: oauth.scopes } : {}),
    },
    has_secret: row.secretCiphertext !== null,
    enabled: row.enabled,
    tools: toCachedTools(row.toolsCache).map((tool) => ({
      name: tool.name,
      namespaced_name: namespacedToolName(row.name, tool.name),
      description: tool.description,
    })),
    tools_cached_at: row.toolsCachedAt?.toISOString() ?? null,
    last_error: row.lastError,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}
