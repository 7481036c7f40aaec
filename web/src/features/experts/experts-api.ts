/** The console's one module for the expertise routes (src/routes/experts.ts), read with the session cookie. */
import { type Schemas, toApiError } from '../../api/client.ts';

export type ExpertiseSummary = Schemas['ExpertiseSummary'];
export type ExpertiseDocument = Schemas['ExpertiseDocument'];
export type ExpertiseVersion = Schemas['ExpertiseVersion'];
export type ExpertiseHistory = Schemas['ExpertiseHistory'];

const base = (orchestratorId: string) => `/api/orchestrators/${encodeURIComponent(orchestratorId)}/experts`;

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok || body === null) throw toApiError(response.status, body);
  return body as T;
}

export async function listExperts(orchestratorId: string): Promise<ExpertiseSummary[]> {
  return (await getJson<Schemas['ExpertiseList']>(base(orchestratorId))).experts;
}

export function readExpert(orchestratorId: string, domain: string): Promise<ExpertiseDocument> {
  return getJson(`${base(orchestratorId)}/${encodeURIComponent(domain)}`);
}

export function readExpertHistory(
  orchestratorId: string,
  domain: string,
  limit = 200,
): Promise<ExpertiseHistory> {
  return getJson(`${base(orchestratorId)}/${encodeURIComponent(domain)}/versions?limit=${limit}`);
}
