/**
 * The Worker the options-greeks benchmark runs in workerd: `?work=greeks` solves implied volatility
 * and the Greeks for the whole chain, `?work=prices` only prices it, `?work=none` returns at once
 * (the bare round trip). The chain is built once per isolate, before any timed request.
 */
import { buildChain, type ChainResult, greeksFromPrices, pricesOnly, type Quote } from './options-chain.ts';

let chain: Quote[] | undefined;

const work: Record<string, (quotes: readonly Quote[]) => ChainResult | null> = {
  greeks: greeksFromPrices,
  prices: pricesOnly,
  none: () => null,
};

export default {
  fetch(request: Request): Response {
    chain ??= buildChain();
    const name = new URL(request.url).searchParams.get('work') ?? '';
    const run = work[name];
    if (!run) return Response.json({ error: `unknown work ${JSON.stringify(name)}` }, { status: 400 });
    return Response.json(run(chain));
  },
} satisfies ExportedHandler;
