import type BaseViewer from 'bpmn-js/lib/BaseViewer';
import type Modeling from 'bpmn-js/lib/features/modeling/Modeling';
import type { Element } from 'bpmn-js/lib/model/Types';
import type Canvas from 'diagram-js/lib/core/Canvas';

interface ModdleProcess {
  $type: string;
  isExecutable?: boolean;
}

const processesOf = (diagram: BaseViewer): ModdleProcess[] =>
  ((diagram.getDefinitions()?.rootElements ?? []) as ModdleProcess[]).filter((element) => element.$type === 'bpmn:Process');

/** The engine's rule (isDocumentationOnly in #bpmn's process view): processes, and every one marked isExecutable="false". */
export const isDocumentationOnly = (diagram: BaseViewer): boolean => {
  const processes = processesOf(diagram);
  return processes.length > 0 && processes.every((process) => process.isExecutable === false);
};

/** Shows the notice while the diagram is documentation only: it deploys, but no case can start. */
export const renderDocumentationNotice = (notice: HTMLElement, diagram: BaseViewer): void => {
  notice.hidden = !isDocumentationOnly(diagram);
};

/** Marks every process executable, as one undoable command per process (the panel's "Executable" checkbox does the same for one). */
export const makeExecutable = (diagram: BaseViewer): void => {
  const modeling = diagram.get<Modeling>('modeling');
  // The root stands for the diagram in the change events; the process itself is what changes.
  const root = diagram.get<Canvas>('canvas').getRootElement() as Element;
  for (const process of processesOf(diagram)) {
    if (process.isExecutable === false) modeling.updateModdleProperties(root, process, { isExecutable: true });
  }
};
