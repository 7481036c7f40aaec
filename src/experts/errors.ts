/** An expected failure of an expertise change: the tool tells the model, the REST API answers 404/422. */
export type ExpertiseErrorCode =
  | 'not_found'
  | 'line_limit'
  | 'edit_not_found'
  | 'edit_ambiguous'
  | 'no_change';

export class ExpertiseError extends Error {
  override readonly name = 'ExpertiseError';
  readonly code: ExpertiseErrorCode;

  constructor(code: ExpertiseErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}
