import type { Element } from 'bpmn-js/lib/model/Types';
import { tandemEntry } from './tandem-entries.js';
import { TANDEM_GROUPS } from './tandem-fields.js';

interface PanelGroup {
  id: string;
  label: string;
  entries: unknown[];
}

interface PropertiesPanel {
  registerProvider(priority: number, provider: { getGroups(element: Element): (groups: PanelGroup[]) => PanelGroup[] }): void;
}

/** After bpmn-js's own groups (General, Documentation, ...). */
const PRIORITY = 500;

/** Adds the tandem: groups to the properties panel for the elements they apply to. */
export class TandemPropertiesProvider {
  static readonly $inject = ['propertiesPanel'];

  constructor(propertiesPanel: PropertiesPanel) {
    propertiesPanel.registerProvider(PRIORITY, this);
  }

  getGroups(element: Element) {
    return (groups: PanelGroup[]): PanelGroup[] => [
      ...groups,
      ...TANDEM_GROUPS.filter((group) => group.appliesTo(element)).map((group) => ({
        id: group.id,
        label: group.label,
        entries: group.fields.map(tandemEntry),
      })),
    ];
  }
}

/** The diagram-js module that registers the provider. */
export const tandemPropertiesProviderModule = {
  __init__: ['tandemPropertiesProvider'],
  tandemPropertiesProvider: ['type', TandemPropertiesProvider],
};

/** Our groups start open: they are what designers come to the panel for. */
export const tandemPanelLayout = {
  groups: Object.fromEntries(TANDEM_GROUPS.map((group) => [group.id, { open: true }])),
};
