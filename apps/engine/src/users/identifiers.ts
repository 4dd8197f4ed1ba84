/** Usernames are recorded as actors and named in `candidateUsers`: letters, digits and . _ @ - only. */
export const USERNAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;

/** Group ids are named in `candidateGroups` (a comma-separated list): letters, digits and . _ - only. */
export const GROUP_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
