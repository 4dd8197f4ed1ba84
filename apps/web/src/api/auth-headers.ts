/**
 * The headers every API request carries. The one place where the designer's token will be added
 * when the engine gets authentication (issue 4); until then there is nothing to send.
 */
export const authHeaders = (): Record<string, string> => ({});
