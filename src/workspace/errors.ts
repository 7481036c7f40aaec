/**
 * Expected workspace failures. The file tools turn them into `ToolError`s for the model, the routes
 * into 404/422 responses; anything else thrown by the store is a bug.
 */
export type WorkspaceErrorCode = 'not_found' | 'too_large' | 'not_text';

export class WorkspaceError extends Error {
  override readonly name = 'WorkspaceError';
  readonly code: WorkspaceErrorCode;

  constructor(code: WorkspaceErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}
