import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client.ts';
import {
  connectionLabel,
  readOnlyNote,
  unavailableFromDetails,
  unavailableFromError,
} from './availability.ts';

describe('availability', () => {
  it('makes an archived orchestrator read-only, others open', () => {
    expect(unavailableFromDetails({ status: 'archived' })).toBe('archived');
    expect(unavailableFromDetails({ status: 'idle' })).toBeNull();
    expect(unavailableFromDetails({ status: 'running' })).toBeNull();
  });

  it('turns 404 and 422 into dead ends, other failures stay retryable', () => {
    expect(unavailableFromError(new ApiError(404, 'not_found', 'Orchestrator x'))).toBe('not-found');
    expect(unavailableFromError(new ApiError(422, 'validation_error', 'id: Invalid UUID'))).toBe('invalid');
    expect(unavailableFromError(new ApiError(400, 'bad_request', 'bad'))).toBe('invalid');
    expect(unavailableFromError(new ApiError(503, 'unavailable', 'db down'))).toBeNull();
    expect(unavailableFromError(new ApiError(0, 'network', 'offline'))).toBeNull();
    expect(unavailableFromError(new TypeError('fetch failed'))).toBeNull();
  });

  it('shows the state instead of the connection when unavailable', () => {
    expect(connectionLabel('connecting', 'archived')).toBe('archived');
    expect(connectionLabel('connecting', 'not-found')).toBe('not-found');
    expect(connectionLabel('live', null)).toBe('live');
  });

  it('explains why the message box is disabled', () => {
    expect(readOnlyNote('archived')).toMatch(/archived/);
    expect(readOnlyNote('invalid')).toMatch(/not a valid/);
    expect(readOnlyNote(null)).toBe('');
  });
});
