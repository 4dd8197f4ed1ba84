/** Domain error codes raised by the application services (mapped to HTTP by the exception filter). */
export const APP_ERRORS = {
  deploymentEmpty: 'DEPLOYMENT_EMPTY',
  deploymentNoProcess: 'DEPLOYMENT_NO_PROCESS',
  processNotFound: 'PROCESS_NOT_FOUND',
  processVersionNotFound: 'PROCESS_VERSION_NOT_FOUND',
  instanceNotFound: 'INSTANCE_NOT_FOUND',
  taskNotFound: 'TASK_NOT_FOUND',
  externalTaskNotFound: 'EXTERNAL_TASK_NOT_FOUND',
  /** The worker does not hold a valid lock on the external task (never had it, or it expired). */
  externalTaskNotLocked: 'EXTERNAL_TASK_NOT_LOCKED',
} as const;
