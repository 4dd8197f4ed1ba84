/** Domain error codes of the modeler's drafts. */
export const DRAFT_ERRORS = {
  /** The user has no draft of that name: 404. */
  notFound: 'DRAFT_NOT_FOUND',
  /** A draft name that is not 1 to 80 letters, digits, `.`, `_` or `-` (details: field `name`): 400, nothing stored. */
  nameInvalid: 'DRAFT_NAME_INVALID',
} as const;
