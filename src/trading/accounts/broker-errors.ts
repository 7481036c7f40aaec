/**
 * A broker's failures in the API's one error shape: the broker being down, rate-limited or behind an
 * open circuit breaker is a 503 the client may retry (with `Retry-After` when known); a broker that
 * answered with something unusable (refused keys on a stored account, an unknown order, a malformed
 * response) is a 502. The connection's health rides along in `details.health` when there is a broker
 * to ask, so a client sees an open circuit even though the request itself failed.
 */
import { SecretBoxError } from '../../crypto/secret-box.ts';
import { BadGatewayError, BrokerUnavailableError } from '../../http/errors.ts';
import { BrokerError, type BrokerHealth } from '../broker/types.ts';
import { healthJson } from './json.ts';

const RETRYABLE = new Set<BrokerError['code']>(['unavailable', 'rate_limited', 'circuit_open']);

/** The HTTP error for a broker failure; anything that is not one is returned unchanged (a bug: 500). */
export function brokerHttpError(error: unknown, health?: BrokerHealth): unknown {
  if (error instanceof SecretBoxError) {
    // Missing or changed SECRETS_KEY: the stored keys cannot be opened until the operator fixes it.
    return new BrokerUnavailableError(`The broker credentials cannot be opened: ${error.message}.`);
  }
  if (!(error instanceof BrokerError)) return error;
  const details = health
    ? { broker_code: error.code, health: healthJson(health) }
    : { broker_code: error.code };
  if (RETRYABLE.has(error.code)) {
    return new BrokerUnavailableError(`The broker is unavailable: ${error.message}`, {
      retryAfterMs: error.retryAfterMs,
      details,
    });
  }
  return new BadGatewayError(`The broker refused the request: ${error.message}`, details);
}
