import type { ModdleElement } from 'bpmn-moddle';
import { stripFeelPrefix } from '../feel/feel-syntax.js';
import { extensionChildren, extensionElement } from '../parse/extension-elements.js';
import type { IoMapping, LoopCharacteristics, VariableMapping } from '../process-graph.js';
import { optional } from './event-definition.js';

const mappings = (ioMapping: ModdleElement | undefined, kind: 'input' | 'output'): VariableMapping[] =>
  (ioMapping ? extensionChildren(ioMapping, kind) : []).map((mapping) => ({
    source: stripFeelPrefix(mapping.source ?? ''),
    target: String(mapping.target ?? '').trim(),
  }));

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
