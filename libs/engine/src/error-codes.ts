import type { ErrorCodeOf } from '#core';
import type { DECISION_ERRORS } from './dmn/decision-errors.js';
import type { ENGINE_ERRORS } from './model/errors.js';

/** Every code libs/engine raises: the engine's and decision evaluation's. */
export type EngineErrorCode = ErrorCodeOf<typeof ENGINE_ERRORS> | ErrorCodeOf<typeof DECISION_ERRORS>;
