// Errors of review actions; the web and CLI layers map them to 404 / 409 / 400 and exit codes.

export class DealNotFoundError extends Error {
  override name = 'DealNotFoundError';
  constructor(readonly dealId: number) {
    super(`deal ${dealId} not found`);
  }
}

/** The deal is not in a state that allows the action, or changed since the caller read it. */
export class ReviewConflictError extends Error {
  override name = 'ReviewConflictError';
}

/** The action's input is wrong (merge into itself, an empty edit, nothing to undo). */
export class ReviewInputError extends Error {
  override name = 'ReviewInputError';
}
