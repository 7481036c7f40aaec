/**
 * The Anthropic Messages API wire protocol, runtime-agnostic (workerd and Node): message builders,
 * the SSE encoder, error bodies and request reading. Servers that are not a model (the offline
 * model, the test emulator) speak through this so the SDK parses them like the real API.
 */
export { splitJson, splitText } from './chunks.ts';
export {
  API_ERROR_STATUS,
  type ApiErrorBody,
  type ApiErrorType,
  apiErrorBody,
  apiErrorResponse,
  errorTypeForStatus,
} from './errors.ts';
export {
  buildMessage,
  estimateInputTokens,
  estimateOutputTokens,
  estimateTokens,
  estimateUsage,
  type MessageSpec,
  textBlock,
  thinkingBlock,
  toolUseBlock,
} from './message.ts';
export {
  contentBlocks,
  lastUserMessage,
  messageText,
  type ParsedRequest,
  parseMessagesRequest,
  toolNameFor,
  toolNames,
  toolResults,
  toolResultText,
} from './request.ts';
export {
  encodeMessageStream,
  encodeSseEvent,
  messageStreamEvents,
  type StreamOptions,
  sseHeaders,
} from './sse.ts';
export type * from './types.ts';
