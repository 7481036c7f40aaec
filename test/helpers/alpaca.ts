/**
 * The Alpaca emulator from Worker tests: every workerd project's ALPACA_TRADING_BASE_URL and
 * ALPACA_DATA_BASE_URL point at it (vitest.config.ts). Make a fresh emulated account per test (its
 * own key pair, so tests running in parallel never share state) and script faults on its key.
 */
import { inject } from 'vitest';
import {
  type AlpacaEmulatorControl,
  type AlpacaKeys,
  alpacaEmulatorControl,
} from '../alpaca-emulator/control.ts';

export { activityIdAt, fillActivities, optionActivity } from '../alpaca-emulator/control.ts';
export type { AlpacaKeys };

export function alpacaEmulator(): AlpacaEmulatorControl {
  return alpacaEmulatorControl(inject('alpacaBaseUrl'));
}

/** A new emulated Alpaca account; `clock` pins its market data and order times. */
export function newAlpacaAccount(options: { cash?: number; clock?: string } = {}): Promise<AlpacaKeys> {
  return alpacaEmulator().createAccount(options);
}
