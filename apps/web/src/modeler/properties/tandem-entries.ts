import { h } from '@bpmn-io/properties-panel/preact';
import { isSelectEntryEdited, isTextFieldEntryEdited, SelectEntry, TextFieldEntry, type DebounceInput } from '@bpmn-io/properties-panel';
import { useService } from 'bpmn-js-properties-panel';
import type { Element } from 'bpmn-js/lib/model/Types';
import type Modeling from 'bpmn-js/lib/features/modeling/Modeling';
import { propertiesToWrite } from './properties-to-write.js';
import type { TandemField } from './tandem-fields.js';

interface FieldProps {
  element: Element;
  id: string;
  field: TandemField;
}

/** The properties panel's entry: its id names the input (`bio-properties-panel-tandem-<property>`). */
export interface TandemEntry {
  id: string;
  field: TandemField;
  component: (props: FieldProps) => unknown;
  isEdited: (node: HTMLElement) => boolean;
}

const readValue = (element: Element, property: string): string => (element.businessObject.get(property) as string | undefined) ?? '';

/** One command per change, so a single undo takes back the value class and its cleared waste type together. */
const useWrite = (element: Element, property: string) => {
  const modeling = useService<Modeling>('modeling');
  return (value: string) => modeling.updateProperties(element, propertiesToWrite(property, value, { wasteType: element.businessObject.get('wasteType') as string | undefined }));
};

function TandemSelect({ element, id, field }: FieldProps) {
  const write = useWrite(element, field.property);
  return h(SelectEntry, {
    element,
    id,
    label: field.label,
    description: field.description,
    getValue: () => readValue(element, field.property),
    setValue: write,
    getOptions: () => [{ value: '', label: '(not set)' }, ...(field.options ?? [])],
  });
}

function TandemTextField({ element, id, field }: FieldProps) {
  const write = useWrite(element, field.property);
  const debounce = useService<DebounceInput>('debounceInput');
  return h(TextFieldEntry, {
    element,
    id,
    label: field.label,
    description: field.description,
    debounce,
    getValue: () => readValue(element, field.property),
    setValue: write,
  });
}

export const tandemEntry = (field: TandemField): TandemEntry =>
  field.options
    ? { id: `tandem-${field.property}`, field, component: TandemSelect, isEdited: isSelectEntryEdited }
    : { id: `tandem-${field.property}`, field, component: TandemTextField, isEdited: isTextFieldEntryEdited };
