/**
 * MCP tools reach the platform through the REST API, in-process, with the caller's own credential.
 * The routes already own validation, the existence checks, the Durable Object calls and the JSON
 * shapes, so going through them keeps one code path and one error vocabulary for both surfaces
 * (a tool never sees more than the same caller would over REST).
 */

export type ApiFetch = (request: Request) => Promise<Response>;

export type QueryValue = string | number | boolean | undefined;

export interface ApiRequest {
  method?: 'GET' | 'POST';
  /** Relative to `/api`, e.g. `/orchestrators/{id}/messages`. */
  path: string;
  query?: Record<string, QueryValue>;
  json?: unknown;
}

/** A REST answer: the JSON body on success, or the fields of the one error shape. */
export type ApiResult =
  | { ok: true; status: number; body: Record<string, unknown> }
  | { ok: false; status: number; type: string; message: string; details?: unknown; requestId?: string };

export interface ApiClient {
  send(request: ApiRequest): Promise<ApiResult>;
}

/** No network is involved: the host only has to make the URL absolute. */
const INTERNAL_ORIGIN = 'https://mcp.internal';

export function createApiClient(fetchApi: ApiFetch, authorization: string): ApiClient {
  return {
    async send({ method = 'GET', path, query, json }) {
      const url = new URL(path, INTERNAL_ORIGIN);
      for (const [key, value] of Object.entries(query ?? {})) {
        if (value !== undefined) url.searchParams.set(key, String(value));
      }
      const headers = new Headers({ Authorization: authorization, Accept: 'application/json' });
      if (json !== undefined) headers.set('Content-Type', 'application/json');
      const response = await fetchApi(
        new Request(url, { method, headers, body: json === undefined ? undefined : JSON.stringify(json) }),
      );
      return readResult(response);
    },
  };
}

async function readResult(response: Response): Promise<ApiResult> {
  const body: unknown = await response.json().catch(() => undefined);
  if (response.ok && isRecord(body)) return { ok: true, status: response.status, body };
  const error = isRecord(body) && isRecord(body.error) ? body.error : {};
  return {
    ok: false,
    status: response.status,
    type: typeof error.type === 'string' ? error.type : 'internal',
    message: typeof error.message === 'string' ? error.message : `The API answered ${response.status}.`,
    details: error.details,
    requestId: typeof error.request_id === 'string' ? error.request_id : undefined,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
