import { DecisionEntity } from './decision.entity.js';
import { ProcessVersionEntity } from './process-version.entity.js';

/** The entities the repositories read through TypeORM; every other table is written and read in SQL by its repository. */
export const ENTITIES = [ProcessVersionEntity, DecisionEntity];
