/** The roles a user may hold; a user holds any number of them. */
export const USER_ROLES = ['designer', 'agent', 'analyst', 'admin'] as const;

export type UserRole = (typeof USER_ROLES)[number];
