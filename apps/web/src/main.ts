import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css';
import '@bpmn-io/properties-panel/dist/assets/properties-panel.css';
import './styles/app.css';
import { parseRoute } from './app-router.js';
import { ModelerPage } from './modeler/modeler-page.js';
import { byRole } from './ui/dom.js';
import { VersionsPage } from './versions/versions-page.js';

const main = byRole(document.body, 'pages');
const modelerElement = byRole(main, 'modeler-page');
const versionsElement = byRole(main, 'versions-page');
const modeler = new ModelerPage(modelerElement);
const versions = new VersionsPage(versionsElement, (versionId) => {
  location.hash = '#/modeler';
  void modeler.openDeployed(versionId);
});

/** Both pages stay alive, so switching to the versions and back keeps the diagram being edited. */
const route = async (): Promise<void> => {
  const current = parseRoute(location.hash);
  modelerElement.hidden = current.page !== 'modeler';
  versionsElement.hidden = current.page !== 'versions';
  for (const link of document.querySelectorAll<HTMLAnchorElement>('[data-nav]')) {
    link.classList.toggle('active', link.dataset.nav === current.page);
  }
  if (current.page === 'modeler') modeler.shown();
  else await versions.show(current.versionId);
};

window.addEventListener('hashchange', () => void route());
void modeler
  .start()
  .then(route)
  .then(() => {
    // Browser tests wait for this before they act.
    document.body.dataset.ready = 'true';
  });
