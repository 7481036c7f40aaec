/** Request and response schemas of the broker account routes (src/routes/accounts.ts). */
import { z } from '@hono/zod-openapi';
import { lineText } from '../http/text.ts';
import { ErrorResponseSchema } from './common-schemas.ts';

const Name = lineText().trim().min(1).max(100);
/** Alpaca key ids are ~20 characters and secrets ~40; the bounds only keep nonsense out. */
const KeyId = lineText().trim().min(4).max(200).openapi({ description: 'The broker API key id' });
const SecretKey = lineText().trim().min(8).max(500).openapi({
  description: 'The broker API secret: sealed at rest, never returned, logged or put in events',
});
const Money = z.number().positive().max(1_000_000_000);

export const AccountSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    broker: z.enum(['offline', 'alpaca']),
    mode: z.enum(['paper', 'live']),
    key_id_hint: z
      .string()
      .nullable()
      .openapi({ description: 'Last 4 characters of the API key id (null for the offline broker)' }),
    trading_enabled: z.boolean(),
    max_order_notional: z.number().nullable(),
    max_daily_loss: z.number().nullable(),
    is_default: z.boolean().openapi({ description: 'The built-in offline paper account' }),
    created_at: z.string(),
  })
  .openapi('Account');

export const AccountListSchema = z.object({ accounts: z.array(AccountSchema) }).openapi('AccountList');

const Limits = {
  max_order_notional: Money.optional().openapi({ description: 'Largest order value allowed (USD)' }),
  max_daily_loss: Money.optional().openapi({
    description: 'Trading stops for the day past this loss (USD)',
  }),
};

const CreateAlpacaAccountSchema = z
  .strictObject({
    name: Name,
    broker: z.literal('alpaca'),
    mode: z.enum(['paper', 'live']),
    key_id: KeyId,
    secret_key: SecretKey,
    ...Limits,
  })
  .openapi('CreateAlpacaAccount');

const KEY_FIELDS = new Set(['key_id', 'secret_key']);

const CreateOfflineAccountSchema = z
  .strictObject(
    {
      name: Name,
      broker: z.literal('offline'),
      mode: z
        .literal('paper', { error: 'the offline broker trades paper money only' })
        .optional()
        .openapi({ description: 'Always paper (the default)' }),
      starting_cash: Money.optional().openapi({
        description: 'Cash the paper account opens with (USD, default 100,000)',
      }),
      ...Limits,
    },
    {
      // Keys sent to the offline broker are a mistake worth naming, not just "unrecognized keys".
      error: (issue) =>
        issue.code === 'unrecognized_keys' && issue.keys.some((key) => KEY_FIELDS.has(key))
          ? 'the offline paper broker takes no keys'
          : undefined,
    },
  )
  .openapi('CreateOfflineAccount');

/** An Alpaca account (keys verified with Alpaca) or another offline paper account (no keys). */
export const CreateAccountSchema = z
  .discriminatedUnion('broker', [CreateAlpacaAccountSchema, CreateOfflineAccountSchema])
  .openapi('CreateAccount');

export const PatchAccountSchema = z
  .strictObject({
    name: Name.optional(),
    trading_enabled: z.boolean().optional(),
    max_order_notional: Money.nullable().optional(),
    max_daily_loss: Money.nullable().optional(),
    key_id: KeyId.optional(),
    secret_key: SecretKey.optional(),
  })
  .superRefine((body, context) => {
    if (Object.keys(body).length === 0)
      context.addIssue({ code: 'custom', message: 'give at least one field to change' });
    if ((body.key_id === undefined) !== (body.secret_key === undefined)) {
      context.addIssue({
        code: 'custom',
        path: [body.key_id === undefined ? 'key_id' : 'secret_key'],
        message: 'key_id and secret_key are replaced together',
      });
    }
  })
  .openapi('PatchAccount');

export const HealthSchema = z
  .object({
    circuit: z.enum(['closed', 'open', 'half_open']),
    recent_failures: z.number(),
    retry_at: z.string().nullable(),
    last_error: z.string().nullable(),
    requests_remaining: z.number(),
  })
  .openapi('BrokerHealth');

export const AccountSummarySchema = z
  .object({
    account: AccountSchema,
    equity: z.number(),
    cash: z.number(),
    buying_power: z.number(),
    options_buying_power: z.number().nullable(),
    last_equity: z.number(),
    day_pnl: z.number().openapi({ description: 'equity − last_equity, in cents precision' }),
    status: z.string(),
    currency: z.string(),
    health: HealthSchema,
  })
  .openapi('AccountSummary');

export const SelectAccountSchema = z.strictObject({ account_id: z.uuid() }).openapi('SelectAccount');

/** 502: the broker answered with a failure (not in common-schemas' list, which has no upstream routes). */
export const badGateway = {
  502: {
    description: 'The broker answered with an error',
    content: { 'application/json': { schema: ErrorResponseSchema } },
  },
};
