/**
 * The built-in offline model as a `fetch` the Anthropic SDK calls instead of the network, so the
 * agent loop runs the same code path (request building, SSE parsing, error classes) with or without
 * a model: `new Anthropic({ apiKey: 'offline', baseURL: OFFLINE_BASE_URL, fetch: offlineFetch })`.
 * It answers `POST /v1/messages` (JSON, or SSE when `stream: true`) with `offlineReply`, and anything
 * else with the API's error bodies.
 */
import {
  apiErrorResponse,
  buildMessage,
  encodeSseEvent,
  estimateUsage,
  type Message,
  messageStreamEvents,
  parseMessagesRequest,
  sseHeaders,
} from '../wire/index.ts';
import { offlineReply } from './reply.ts';

/** Never resolvable (`.invalid`), so a misrouted request cannot reach a real host. */
export const OFFLINE_BASE_URL = 'https://offline.model.invalid';

export type FetchFunction = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;

/** A fetch with its own message counter (ids `msg_offline_1`, `msg_offline_2`, …). */
export function createOfflineFetch(): FetchFunction {
  let requests = 0;
  let messages = 0;
  return async function offlineFetch(input, init) {
    const request = new Request(input, init);
    requests += 1;
    const requestId = `req_offline_${requests}`;
    const { pathname } = new URL(request.url);
    if (request.method !== 'POST' || !pathname.endsWith('/v1/messages')) {
      return apiErrorResponse(404, 'not_found_error', `Not found: ${request.method} ${pathname}`, requestId);
    }
    let body: unknown;
    try {
      body = JSON.parse(await request.text());
    } catch {
      return apiErrorResponse(400, 'invalid_request_error', 'The request body is not valid JSON.', requestId);
    }
    const parsed = parseMessagesRequest(body);
    if (!parsed.ok) return apiErrorResponse(400, 'invalid_request_error', parsed.message, requestId);

    messages += 1;
    const messageNumber = messages;
    let toolUses = 0;
    // Tool results are stored per tool_use_id, and counters restart with the isolate: the random part
    // keeps ids from an earlier isolate's run from ever colliding with new ones.
    const newToolUseId = () => `toolu_offline_${messageNumber}_${++toolUses}_${randomSuffix()}`;
    const reply = offlineReply(parsed.request, newToolUseId);
    const message = buildMessage({
      id: `msg_offline_${messageNumber}`,
      model: parsed.request.model,
      content: reply.content,
      stop_reason: reply.stop_reason,
      usage: estimateUsage(parsed.request, reply.content),
    });
    if (parsed.request.stream) return new Response(sseBody(message), { headers: sseHeaders(requestId) });
    return Response.json(message, { headers: { 'request-id': requestId } });
  };
}

/** The process-wide offline model. */
export const offlineFetch: FetchFunction = createOfflineFetch();

/** One chunk per event, produced as the reader pulls, like a network stream. */
function sseBody(message: Message): ReadableStream<Uint8Array> {
  const frames = messageStreamEvents(message).map(encodeSseEvent);
  const encoder = new TextEncoder();
  let next = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const frame = frames[next++];
      if (frame === undefined) controller.close();
      else controller.enqueue(encoder.encode(frame));
    },
  });
}

function randomSuffix(): string {
  return crypto.randomUUID().replaceAll('-', '').slice(0, 12);
}
