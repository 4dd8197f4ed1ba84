/** Domain error codes of user and group management (mapped to HTTP in error-status.ts, beside app.module.ts). */
export const USER_ERRORS = {
  userNotFound: 'USER_NOT_FOUND',
  groupNotFound: 'GROUP_NOT_FOUND',
  /** Another user has this username (whatever its case): 409. */
  usernameTaken: 'USERNAME_TAKEN',
  /** Another group has this id: 409. */
  groupIdTaken: 'GROUP_ID_TAKEN',
  /** A user is put into groups that do not exist: 400, details.field and details.groups name them. */
  groupUnknown: 'GROUP_UNKNOWN',
  /** The change would leave no enabled admin: 409, nothing changed. */
  lastAdmin: 'LAST_ADMIN',
} as const;
