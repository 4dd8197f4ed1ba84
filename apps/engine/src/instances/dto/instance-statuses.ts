import type { InstanceStatus } from '#engine';

/** Every status an instance can have, for query validation and the OpenAPI enums. */
export const INSTANCE_STATUSES = ['active', 'suspended', 'completed', 'canceled'] as const satisfies readonly InstanceStatus[];

// Fails to compile when the engine adds a status this list lacks.
const everyStatusListed: [Exclude<InstanceStatus, (typeof INSTANCE_STATUSES)[number]>] extends [never] ? true : never = true;
void everyStatusListed;
