import { FeelersTemplating, Text } from '@bpmn-io/form-js';

/**
 * A variable's value as markdown that shows exactly its characters: every ASCII punctuation mark
 * becomes a numeric character reference, so neither HTML (`<img src=...>`) nor markdown
 * (`![](http://...)`, links, emphasis) in a case variable can become markup.
 */
export const literalMarkdown = (value: unknown): string => String(value).replace(/[!-/:-@[-`{-~]/g, (mark) => `&#${mark.charCodeAt(0)};`);

type EvaluateOptions = Parameters<FeelersTemplating['evaluate']>[2];

/**
 * form-js's templating, which can be told to insert values as literal text. form-js's text view
 * evaluates `{{summary}}` into markdown and renders it as HTML, inserting the variable as it is, so a
 * variable holding `<img src=...>` made the agent's browser fetch that URL. Its HTML view escapes
 * what it inserts; the text view passes no sanitizer, hence this switch around its rendering.
 */
class LiteralTextTemplating extends FeelersTemplating {
  private literal = false;

  override evaluate(template: string, context?: Record<string, unknown>, options: EvaluateOptions = {}): string {
    return super.evaluate(template, context, this.literal && options.sanitizer === undefined ? { ...options, sanitizer: literalMarkdown } : options);
  }

  /** Runs a render with inserted values as literal text; Preact renders a component synchronously. */
  literally<T>(render: () => T): T {
    this.literal = true;
    try {
      return render();
    } finally {
      this.literal = false;
    }
  }
}

interface FormFields {
  register(type: string, field: unknown): void;
}

/** Replaces the viewer's text view with one whose inserted variables are literal text. */
class LiteralTextField {
  static readonly $inject = ['formFields', 'templating'];

  constructor(formFields: FormFields, templating: LiteralTextTemplating) {
    const LiteralText = (props: unknown) => templating.literally(() => Text(props));
    formFields.register(Text.config.type, Object.assign(LiteralText, { config: Text.config }));
  }
}

/** The form-js module to give a viewer (`additionalModules`). */
export const literalTextModule = {
  __init__: ['literalTextField'],
  templating: ['type', LiteralTextTemplating],
  literalTextField: ['type', LiteralTextField],
};
