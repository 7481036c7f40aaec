/**
 * The trading tools a trader agent works with (its template lists them): read the account, positions,
 * quotes, the chain and Greeks; place, cancel and close orders, every order behind a person's approval.
 * Built per run because they open the broker with the Worker's environment.
 */
import type { BrokerEnvironment } from '../../trading/broker/factory.ts';
import type { ToolDefinition } from '../types.ts';
import { accountTools } from './account-tools.ts';
import { closeTool } from './close-tool.ts';
import { marketTools } from './market-tools.ts';
import { orderTools } from './order-tools.ts';
import { strategyTool } from './strategy-tool.ts';

export function tradingTools(env: BrokerEnvironment): ToolDefinition[] {
  return [...accountTools(env), ...marketTools(env), ...orderTools(env), strategyTool(env), closeTool(env)];
}
