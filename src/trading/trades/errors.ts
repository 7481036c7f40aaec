/** Input the trade analytics cannot make sense of; the message names the record and the field. */
export class TradeInputError extends Error {
  override readonly name = 'TradeInputError';
}
