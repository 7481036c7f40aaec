/** "An iron condor on SPY" → concrete legs from the chain (pure; see build.ts). */
export { type BuildInput, buildStrategy } from './build.ts';
export { chainContracts } from './chain.ts';
export { chooseExpiry, DEFAULT_DAYS_TO_EXPIRY } from './pick.ts';
export {
  type BuiltLeg,
  type BuiltStrategy,
  type ChainContract,
  STRATEGY_KINDS,
  StrategyBuildError,
  type StrategyKind,
  type StrategyRequest,
} from './types.ts';
