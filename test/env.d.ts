declare module 'vitest' {
  interface ProvidedContext {
    /** Connection string the Worker uses (its host is reached through the relay). */
    databaseUrl: string;
    /** host:port of the Postgres WebSocket relay. */
    pgRelay: string;
    /** Base URL of the Messages API emulator (test/emulator), the `workers` project's model. */
    anthropicBaseUrl: string;
    /** Base URL of the test MCP server (test/mcp-fixture): `${url}/s/<scope>/open/mcp` and more. */
    mcpFixtureUrl: string;
    /** Base URL of the Alpaca emulator (test/alpaca-emulator): trading and market data alike. */
    alpacaBaseUrl: string;
    /** ws://host:port of the Alpaca market-data stream emulator (test/alpaca-stream). */
    alpacaStreamUrl: string;
  }
}

export {};
