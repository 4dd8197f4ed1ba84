import { buildMessage, ValidateBy, type ValidationOptions } from 'class-validator';

/** An object whose every value is a non-empty string: source element id -> target element id. */
export const IsElementMapping = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'isElementMapping',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((target) => typeof target === 'string' && target.length > 0),
        defaultMessage: buildMessage((each) => `${each}$property must map element ids to element ids, e.g. { "Task_Old": "Task_New" }`, options),
      },
    },
    options,
  );
