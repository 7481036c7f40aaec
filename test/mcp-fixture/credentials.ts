/** What the test MCP server accepts; shared by the server (Node) and the Worker tests (workerd). */
export const MCP_FIXTURE_TOKEN = 'fixture-static-token';
export const MCP_FIXTURE_CLIENT = { id: 'fixture-client', secret: 'fixture-client-secret' } as const;
