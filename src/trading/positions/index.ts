/** Broker positions as strategies with live P&L, and the orders that close them. */
export { type BrokerPosition, type PositionLeg, positionLeg } from './broker-position.ts';
export {
  type ClosingOrder,
  type ClosingOrderLeg,
  closeLegOrder,
  closeStrategyOrder,
  MAX_ORDER_LEGS,
} from './closing-orders.ts';
export { groupPositions, type PositionStrategy, strategyId } from './strategies.ts';
