/**
 * The committed OpenAPI snapshot leaves out what depends on the request (the server's origin), so the
 * snapshot script and the drift test compare the same thing.
 */
export function normalizeOpenApiDocument(document: unknown): unknown {
  if (typeof document !== 'object' || document === null) return document;
  return { ...document, servers: [{ url: '/api' }] };
}
