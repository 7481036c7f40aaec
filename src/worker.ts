/**
 * The Worker: REST API and WebSocket upgrades under /api (everything else is the web console's static
 * assets), the work-queue consumer, and the cron entry point. It only composes; the logic lives in
 * routes, Durable Objects and domain modules.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import { requestId } from 'hono/request-id';
import { requireAuth } from './auth/middleware.ts';
import { openDatabase } from './db/client.ts';
import { database } from './http/database.ts';
import { handleError, handleNotFound } from './http/error-handler.ts';
import { limitBody, requireJsonBody } from './http/json-body.ts';
import type { AppEnv } from './http/types.ts';
import { validationHook } from './http/validation.ts';
import { mcpRoutes } from './mcp/route.ts';
import { pipelineTick } from './pipelines/cron.ts';
import { hubOf } from './pipelines/events.ts';
import { consumeWork } from './queues/consumer.ts';
import { accountRoutes } from './routes/accounts.ts';
import { adwRoutes } from './routes/adws.ts';
import { agentRoutes } from './routes/agents.ts';
import { analystsRoutes } from './routes/analysts.ts';
import { approvalRoutes } from './routes/approvals.ts';
import { auth } from './routes/auth.ts';
import { autocompleteRoutes } from './routes/autocomplete.ts';
import { backtestsRoutes } from './routes/backtests.ts';
import { chainsRoutes } from './routes/chains.ts';
import { chat } from './routes/chat.ts';
import { costRoutes } from './routes/costs.ts';
import { mountDocs } from './routes/docs.ts';
import { eventRoutes } from './routes/events.ts';
import { expertRoutes } from './routes/experts.ts';
import { files } from './routes/files.ts';
import { health } from './routes/health.ts';
import { mcpServerRoutes } from './routes/mcp-servers.ts';
import { optionRoutes } from './routes/options.ts';
import { orchestratorRoutes } from './routes/orchestrators.ts';
import { pipelinesRoutes } from './routes/pipelines.ts';
import { quoteRoutes } from './routes/quotes.ts';
import { snapshotRoutes } from './routes/snapshots.ts';
import { tradingRoutes } from './routes/trading.ts';
import { snapshotTick } from './snapshots/cron.ts';
import { reenqueueStrandedSteps } from './workflows/reconcile.ts';

export { ChainRun } from './durable-objects/chain-run.ts';
export { OrchestratorHub } from './durable-objects/orchestrator-hub.ts';
export { QuoteStream } from './durable-objects/quote-stream.ts';

const api = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
// Order matters: an id for every response, then the body limit before anything reads the body,
// then auth before any parsing or database work is done for an anonymous caller.
api.use(requestId(), limitBody(), requireAuth(), requireJsonBody(), database());
api.route('/', health).route('/', auth).route('/', orchestratorRoutes);
api.route('/', chat).route('/', agentRoutes).route('/', eventRoutes);
api.route('/', files).route('/', adwRoutes).route('/', costRoutes);
api.route('/', optionRoutes);
api.route('/', expertRoutes);
api.route('/', autocompleteRoutes);
api.route('/', mcpServerRoutes);
api.route('/', pipelinesRoutes);
api.route('/', backtestsRoutes);
api.route('/', chainsRoutes);
api.route('/', analystsRoutes);
api.route('/', accountRoutes).route('/', tradingRoutes).route('/', approvalRoutes);
api.route('/', snapshotRoutes).route('/', quoteRoutes);
mountDocs(api);
api.notFound(handleNotFound);
api.onError(handleError);

const app = new OpenAPIHono<AppEnv>().route('/api', api).route('/mcp', mcpRoutes(api.fetch));
// Unknown API paths get the JSON 404; anything else is the web console's (the asset layer usually
// answers those before the Worker runs, but a request can reach the Worker directly).
app.notFound((c) => (isApiPath(c.req.path) ? handleNotFound(c) : c.env.ASSETS.fetch(c.req.raw)));
app.onError(handleError);

function isApiPath(path: string): boolean {
  return path === '/api' || path.startsWith('/api/');
}

export default {
  fetch: app.fetch,
  queue: (batch, env, _ctx) => consumeWork(batch, env),
  async scheduled(controller, env) {
    // The cron only enqueues what is due (stranded workflow steps, pipeline runs); the queue does the work.
    const handle = openDatabase(env, { maxConnections: 1 });
    try {
      const requeued = await reenqueueStrandedSteps(handle.db, async (message) => {
        await env.WORK_QUEUE.send(message);
      });
      const pipelines = await pipelineTick(
        {
          db: handle.db,
          enqueue: async (message) => {
            await env.WORK_QUEUE.send(message);
          },
          hubFor: (orchestratorId) => hubOf(env, orchestratorId),
        },
        controller.scheduledTime,
      );
      console.log(
        `cron ${controller.cron} at ${new Date(controller.scheduledTime).toISOString()}: ${requeued} stranded workflow step(s) re-enqueued, ${pipelines.enqueued} pipeline run(s) enqueued, ${pipelines.resent} re-sent, ${pipelines.missed} missed`,
      );
      // Option-chain Greeks snapshots (08:00 / 14:00 / 21:30 New York): a failure here must not
      // cost the other work of the tick, and the next tick retries.
      const snapshots = await snapshotTick(
        {
          db: handle.db,
          env,
          enqueue: async (message) => {
            await env.WORK_QUEUE.send(message);
          },
        },
        controller.scheduledTime,
      ).catch((error: unknown) => {
        console.error('option snapshot tick failed', error);
        return null;
      });
      if (snapshots && (snapshots.enqueued || snapshots.missed > 0))
        console.log(
          `option snapshots: ${snapshots.enqueued ?? 'nothing'} enqueued, ${snapshots.missed} missed (calendar: ${snapshots.calendar})`,
        );
    } finally {
      await handle.close();
    }
  },
} satisfies ExportedHandler<Env, unknown>;
