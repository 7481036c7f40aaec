/**
 * The chat input's learning autocomplete (src/autocomplete):
 * - `POST /orchestrators/{id}/autocomplete {text, cursor?}` three completions from the fast model,
 *   each with a reason; `timed_out: true` and none when the model misses the 2.5 s deadline; 409
 *   when the orchestrator's budget is spent (checked before calling); 503 when the model fails or
 *   answers off-schema twice. Every call is a `model_calls` row with purpose `autocomplete`.
 * - `POST /orchestrators/{id}/autocomplete/feedback` what the person did with them (the learning
 *   the next prompts carry): 204.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { autocomplete } from '../autocomplete/service.ts';
import { insertFeedback } from '../db/autocomplete.ts';
import { createRouter } from '../http/router.ts';
import { createModelClient } from '../model/client.ts';
import {
  AutocompleteRequestSchema,
  AutocompleteResponseSchema,
  FeedbackRequestSchema,
} from './autocomplete-schemas.ts';
import { errorResponses, UuidParam } from './common-schemas.ts';
import { requireOrchestrator } from './hub.ts';

const json = <T extends z.ZodType>(schema: T) => ({ 'application/json': { schema } });
const security = [{ bearerAuth: [] }];
const tags = ['autocomplete'];
const params = z.object({ id: UuidParam });

const suggest = createRoute({
  method: 'post',
  path: '/orchestrators/{id}/autocomplete',
  tags,
  summary: 'Three completions of the chat input at the cursor, shaped by earlier feedback',
  description:
    'Asks the fast model (tool `suggest_completions`) with the live agents, slash commands, agent ' +
    'templates, workflow types, workspace file names and the last 30 feedback rows. When the model ' +
    'does not answer within 2.5 s the answer is 200 with `timed_out: true` and no completions. 409 ' +
    'when the budget is spent; 503 when the model fails or answers off-schema twice.',
  security,
  request: { params, body: { content: json(AutocompleteRequestSchema), required: true } },
  responses: {
    200: { description: 'The completions', content: json(AutocompleteResponseSchema) },
    ...errorResponses(400, 401, 404, 409, 413, 415, 422, 503),
  },
});

const feedback = createRoute({
  method: 'post',
  path: '/orchestrators/{id}/autocomplete/feedback',
  tags,
  summary: 'Record what the person did with a completion: accepted, rejected or ignored',
  security,
  request: { params, body: { content: json(FeedbackRequestSchema), required: true } },
  responses: {
    204: { description: 'Recorded' },
    ...errorResponses(400, 401, 404, 409, 413, 415, 422, 503),
  },
});

export const autocompleteRoutes = createRouter()
  .openapi(suggest, async (c) => {
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    const { client, provider } = createModelClient(c.env);
    const input = { text: body.text, cursor: body.cursor ?? body.text.length };
    const found = () => requireOrchestrator(c, id, { live: true });
    const result = await autocomplete({ db: c.var.db(), client, provider }, id, found, input);
    return c.json(
      {
        completions: result.completions,
        model: result.model,
        cost_usd: result.costUsd,
        timed_out: result.timedOut,
      },
      200,
    );
  })
  .openapi(feedback, async (c) => {
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    await requireOrchestrator(c, id, { live: true });
    await insertFeedback(c.var.db(), {
      orchestratorId: id,
      outcome: body.outcome,
      inputBefore: body.input_before,
      completion: body.completion,
      reasoning: body.reasoning,
      inputSent: body.input_sent,
    });
    return c.body(null, 204);
  });
