import type { ModdleElement } from 'bpmn-moddle';
import { extensionElement } from '../parse/extension-elements.js';

/** Camunda 8's `<zeebe:versionTag value>` on a process, trimmed; undefined when absent or blank. */
export const versionTagOf = (process: ModdleElement): string | undefined => String(extensionElement(process, 'versionTag')?.value ?? '').trim() || undefined;
