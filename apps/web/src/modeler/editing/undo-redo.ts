import type Modeler from 'bpmn-js/lib/Modeler';
import type CommandStack from 'diagram-js/lib/command/CommandStack';
import type EventBus from 'diagram-js/lib/core/EventBus';

/** Typing in these undoes their own text, not the diagram. */
const isTextEntry = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement && (target.isContentEditable || target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement);

/** Ctrl/Cmd+Z undoes; Ctrl/Cmd+Shift+Z and Ctrl/Cmd+Y redo. */
const commandOf = (event: KeyboardEvent): 'undo' | 'redo' | undefined => {
  if (!(event.ctrlKey || event.metaKey) || event.altKey) return undefined;
  const key = event.key.toLowerCase();
  if (key === 'z') return event.shiftKey ? 'redo' : 'undo';
  if (key === 'y' && !event.shiftKey) return 'redo';
  return undefined;
};

/**
 * Undo and redo buttons, kept enabled only while there is something to undo or redo, and the
 * shortcuts wherever focus is on the page, not only on the canvas (bpmn-js listens there alone).
 * `active` tells whether the modeler is the page shown and no dialog is open.
 */
export const bindUndoRedo = (modeler: Modeler, buttons: { undo: HTMLButtonElement; redo: HTMLButtonElement }, active: () => boolean): void => {
  const commandStack = modeler.get<CommandStack>('commandStack');
  const update = () => {
    buttons.undo.disabled = !commandStack.canUndo();
    buttons.redo.disabled = !commandStack.canRedo();
  };
  modeler.get<EventBus>('eventBus').on(['commandStack.changed', 'import.done'], update);
  update();
  buttons.undo.addEventListener('click', () => commandStack.undo());
  buttons.redo.addEventListener('click', () => commandStack.redo());
  document.addEventListener('keydown', (event) => {
    const command = commandOf(event);
    // The canvas's own keyboard handling marks the events it took (defaultPrevented).
    if (command === undefined || event.defaultPrevented || isTextEntry(event.target) || !active()) return;
    event.preventDefault();
    commandStack[command]();
  });
};
