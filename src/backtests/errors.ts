/**
 * Why a backtest request cannot run, as a list of issues each naming the request field to change
 * (`symbols[1]`, `params.slow`, `start`). Pure: the route answers it with the one 422 shape, and the
 * scheduler that runs backtests through runAndStoreBacktest records its message.
 */
export interface BacktestIssue {
  /** The request field, e.g. `params.fast` (the route prefixes `body.`). */
  path: string;
  message: string;
}

export class BacktestInputError extends Error {
  override readonly name = 'BacktestInputError';
  readonly issues: readonly BacktestIssue[];
  constructor(issues: readonly BacktestIssue[]) {
    const first = issues[0];
    super(first ? `${first.path}: ${first.message}` : 'invalid backtest request');
    this.issues = issues;
  }
}
