/** The parts of the bpmn-io properties panel packages we use (they ship no typings). */
declare module 'bpmn-js-properties-panel' {
  type ModuleDeclaration = Record<string, unknown>;
  export const BpmnPropertiesPanelModule: ModuleDeclaration;
  export const BpmnPropertiesProviderModule: ModuleDeclaration;
  /** A diagram service, from inside a properties panel component. */
  export function useService<T = unknown>(name: string): T;
}

declare module '@bpmn-io/properties-panel' {
  import type { VNode } from '@bpmn-io/properties-panel/preact';

  export interface SelectOption {
    value: string;
    label: string;
    disabled?: boolean;
  }

  interface EntryProps {
    element: unknown;
    id: string;
    label: string;
    description?: string;
    getValue(element: unknown): string | undefined;
    setValue(value: string): void;
    validate?(value: string): string | null | undefined;
    disabled?: boolean;
  }

  /** The panel's `debounceInput` service: wraps a change handler so it runs once typing pauses. */
  export type DebounceInput = <A extends unknown[]>(fn: (...args: A) => void) => (...args: A) => void;

  export function TextFieldEntry(props: EntryProps & { debounce: DebounceInput; placeholder?: string }): VNode;
  export function SelectEntry(props: EntryProps & { getOptions(element: unknown): SelectOption[] }): VNode;
  export function isTextFieldEntryEdited(node: HTMLElement): boolean;
  export function isSelectEntryEdited(node: HTMLElement): boolean;
}
