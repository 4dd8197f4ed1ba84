import { tandemDescriptor } from '#bpmn';
import { BpmnPropertiesPanelModule, BpmnPropertiesProviderModule } from 'bpmn-js-properties-panel';
import Modeler from 'bpmn-js/lib/Modeler';
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import { tandemPanelLayout, tandemPropertiesProviderModule } from '../properties/tandem-properties-provider.js';

/** The same moddle descriptor the server parses with, so tandem: attributes read and write identically. */
const moddleExtensions = { tandem: tandemDescriptor };

/** The editing modeler with the properties panel and our tandem: groups. */
export const createModeler = (canvas: HTMLElement, panel: HTMLElement): Modeler =>
  new Modeler({
    container: canvas,
    propertiesPanel: { parent: panel, layout: tandemPanelLayout },
    additionalModules: [BpmnPropertiesPanelModule, BpmnPropertiesProviderModule, tandemPropertiesProviderModule],
    moddleExtensions,
  });

/** A read-only view (pan and zoom only) for deployed versions. */
export const createViewer = (canvas: HTMLElement): NavigatedViewer => new NavigatedViewer({ container: canvas, moddleExtensions });
