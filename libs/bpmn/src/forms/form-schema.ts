/**
 * The parts of a `@bpmn-io/form-js` schema (https://github.com/bpmn-io/form-js) the server reads:
 * the components, their keys, and the validation and option settings of input fields. Anything
 * else in a schema (layout, labels, styling) is kept as given and passed on to the viewer.
 */
export interface FormOption {
  label?: string;
  value: string | number | boolean;
}

export interface FormValidation {
  required?: boolean;
  /** A number, or a FEEL expression (`=...`) over the form's data. */
  min?: number | string;
  max?: number | string;
  minLength?: number | string;
  maxLength?: number | string;
  pattern?: string;
  validationType?: 'email' | 'phone' | 'custom';
  /** Shown (and answered by the server) instead of naming the pattern. */
  patternErrorMessage?: string;
}

export interface FormComponent {
  type: string;
  id?: string;
  /** Input fields: the variable the value is read from and written to (dots nest, `customer.tier`). */
  key?: string;
  /** Groups and dynamic lists: where their fields' values nest. */
  path?: string;
  label?: string;
  /** Text and html components: what they show (markdown or a template). */
  text?: string;
  validate?: FormValidation;
  /** Select, radio, checklist, taglist: the options, fixed in the schema ... */
  values?: FormOption[];
  /** ... or read from this variable (an array of options or plain values) ... */
  valuesKey?: string;
  /** ... or computed by FEEL in the viewer (not checked on the server). */
  valuesExpression?: string;
  /** Datetime: `date`, `time` or `datetime`. */
  subtype?: string;
  /** Number: at most this many decimal digits. */
  decimalDigits?: number;
  /** Number: submitted as a string rather than a number. */
  serializeToString?: boolean;
  /** A FEEL condition; when true the field is hidden and its value not submitted. */
  conditional?: { hide?: string };
  /** Groups and dynamic lists. */
  components?: FormComponent[];
}

export interface FormSchema {
  /** What a task's `formKey="form:<id>"` names, for a deployed form. */
  id?: string;
  /** A title for lists of forms; form-js itself does not show it. */
  name?: string;
  type?: string;
  components: FormComponent[];
}

/** One reason a submission does not fit its form: the field (its key path) and what is wrong. */
export interface FieldProblem {
  field: string;
  problem: string;
}

/** Field types whose value is submitted under their `key`. */
export const INPUT_TYPES = ['textfield', 'textarea', 'number', 'checkbox', 'checklist', 'radio', 'select', 'taglist', 'datetime', 'expression', 'filepicker'] as const;

/** Field types holding other components. */
export const CONTAINER_TYPES = ['group', 'dynamiclist'] as const;

/** Field types that show something but submit nothing. */
export const DISPLAY_TYPES = ['text', 'html', 'image', 'spacer', 'separator', 'button', 'iframe', 'table', 'documentPreview'] as const;

/** Input types whose value must be one of the field's options. */
export const OPTION_TYPES = ['select', 'radio', 'checklist', 'taglist'] as const;

export const isInputType = (type: string): boolean => (INPUT_TYPES as readonly string[]).includes(type);
export const isContainerType = (type: string): boolean => (CONTAINER_TYPES as readonly string[]).includes(type);
export const isOptionType = (type: string): boolean => (OPTION_TYPES as readonly string[]).includes(type);
export const isKnownType = (type: string): boolean => isInputType(type) || isContainerType(type) || (DISPLAY_TYPES as readonly string[]).includes(type);
