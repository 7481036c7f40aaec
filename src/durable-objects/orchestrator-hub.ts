/**
 * One Durable Object per orchestrator: the home of its live WebSocket connections. Sockets are
 * accepted through the hibernation API, so idle connections cost nothing and survive eviction; a
 * literal `ping` is answered by the runtime without waking the object.
 */
import { DurableObject } from 'cloudflare:workers';

interface SocketAttachment {
  orchestratorId: string;
  connectedAt: number;
}

export class OrchestratorHub extends DurableObject<Env> {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair('ping', 'pong'));
  }

  override async fetch(request: Request): Promise<Response> {
    const orchestratorId = new URL(request.url).searchParams.get('orchestrator_id');
    if (request.headers.get('Upgrade')?.toLowerCase() !== 'websocket' || !orchestratorId) {
      return new Response('expected a WebSocket upgrade', { status: 426 });
    }
    const { 0: client, 1: server } = new WebSocketPair();
    this.ctx.acceptWebSocket(server);
    const attachment: SocketAttachment = { orchestratorId, connectedAt: Date.now() };
    server.serializeAttachment(attachment);
    server.send(
      JSON.stringify({
        type: 'connection_established',
        orchestrator_id: orchestratorId,
        ts: new Date().toISOString(),
      }),
    );
    return new Response(null, { status: 101, webSocket: client });
  }

  /** How many sockets are connected now (hibernated ones included). */
  async connectionCount(): Promise<number> {
    return this.ctx.getWebSockets().length;
  }

  override async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    // Clients are viewers: commands go through the REST API, which authorises and validates them.
    if (message === 'ping') return;
    ws.send(JSON.stringify({ type: 'error', message: 'This socket is read-only; use the REST API to act.' }));
  }

  override async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    // 1005 and 1006 are reserved: they describe a close, and cannot be sent in one.
    ws.close(code === 1005 || code === 1006 ? 1000 : code, reason);
  }
}
