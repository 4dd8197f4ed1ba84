import type { ModdleElement } from 'bpmn-moddle';
import { isFeel, stripFeelPrefix } from '../feel/feel-syntax.js';
import { extensionChildren, extensionElement } from '../parse/extension-elements.js';
import type { IoMapping, LoopCharacteristics, VariableMapping } from '../process-graph.js';
import { optional } from './event-definition.js';

/** A FEEL string literal holding the text as it is. */
export const feelStringLiteral = (text: string): string => `"${text.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;

/**
 * A mapping's source as FEEL. Camunda 8's rule for `zeebe:` mappings: `=` starts an expression,
 * anything else is a literal string (a URL, an e-mail address, a `{{secrets.X}}` placeholder), so
 * Camunda 8 models map as they do there. `tandem:` sources stay FEEL with the `=` optional.
 */
function mappingSource(source: string, zeebe: boolean): string {
  if (zeebe && !isFeel(source)) return feelStringLiteral(source);
  return stripFeelPrefix(source);
}

const mappings = (ioMapping: ModdleElement | undefined, kind: 'input' | 'output'): VariableMapping[] => {
  const zeebe = ioMapping !== undefined && !ioMapping.$type.toLowerCase().startsWith('tandem:');
  return (ioMapping ? extensionChildren(ioMapping, kind) : []).map((mapping) => ({
    source: mappingSource(String(mapping.source ?? ''), zeebe),
    target: String(mapping.target ?? '').trim(),
  }));
};

/** Input/output variable mappings (`tandem:ioMapping` or `zeebe:ioMapping`); absent when there are none. */
export function compileIoMapping(element: ModdleElement): { ioMapping?: IoMapping } {
  const ioMapping = extensionElement(element, 'ioMapping');
  const inputs = mappings(ioMapping, 'input');
  const outputs = mappings(ioMapping, 'output');
  return inputs.length + outputs.length === 0 ? {} : { ioMapping: { inputs, outputs } };
}

const feel = (text: string | undefined): string | undefined => {
  const stripped = text === undefined ? undefined : stripFeelPrefix(text);
  return stripped ? stripped : undefined;
};

/** A standard loop or multi-instance marker; absent when the activity runs once. */
export function compileLoop(element: ModdleElement): { loop?: LoopCharacteristics } {
  const loop: ModdleElement | undefined = element.loopCharacteristics;
  if (!loop) return {};
  if (loop.$type === 'bpmn:StandardLoopCharacteristics') {
    return {
      loop: {
        type: 'standard',
        ...optional('loopCondition', feel(loop.loopCondition?.body)),
        testBefore: loop.testBefore === true,
        ...optional('loopMaximum', loop.loopMaximum === undefined ? undefined : Number(loop.loopMaximum)),
      },
    };
  }
  const settings = extensionElement(loop, 'loopCharacteristics');
  const name = (value: string | undefined) => (value?.trim() ? value.trim() : undefined);
  return {
    loop: {
      type: 'multiInstance',
      isSequential: loop.isSequential === true,
      ...optional('inputCollection', feel(settings?.inputCollection)),
      ...optional('loopCardinality', feel(loop.loopCardinality?.body)),
      ...optional('inputElement', name(settings?.inputElement)),
      ...optional('outputCollection', name(settings?.outputCollection)),
      ...optional('outputElement', feel(settings?.outputElement)),
      ...optional('completionCondition', feel(loop.completionCondition?.body)),
    },
  };
}
