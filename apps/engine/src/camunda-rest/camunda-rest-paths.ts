/** The paths Camunda clients call, outside the /api prefix (app-setup.ts); a file of its own so app-setup imports no module. */
export const CAMUNDA_REST_PATHS = 'engine-rest/{*path}';
