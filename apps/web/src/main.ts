import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css';
import '@bpmn-io/properties-panel/dist/assets/properties-panel.css';
import './styles/app.css';
import { parseRoute } from './app-router.js';
import { getSettings } from './api/settings-api.js';
import { ensureSignedIn } from './auth/signed-in.js';
import { DiffPage } from './diff/diff-page.js';
import { setCurrency } from './format/units.js';
import { ExperimentsPage } from './insights/experiments/experiments-page.js';
import { InsightsPage } from './insights/insights-page.js';
import { PredictionPage } from './insights/prediction/prediction-page.js';
import { ModelerPage } from './modeler/modeler-page.js';
import { byRole } from './ui/dom.js';
import { messageOf } from './ui/error-message.js';
import { showStatus } from './ui/status-line.js';
import { TasklistPage } from './tasklist/tasklist-page.js';
import { VersionsPage } from './versions/versions-page.js';

/** Whatever slips past a page's own handling still reaches the designer, never a silent or blank page. */
const appError = byRole(document.body, 'app-error');
const reportUnexpected = (error: unknown): void => showStatus(appError, 'error', `Something went wrong: ${messageOf(error)}`);
window.addEventListener('error', (event) => reportUnexpected(event.error ?? event.message));
window.addEventListener('unhandledrejection', (event) => reportUnexpected(event.reason));

const main = byRole(document.body, 'pages');
const modelerElement = byRole(main, 'modeler-page');
const versionsElement = byRole(main, 'versions-page');
const diffElement = byRole(main, 'diff-page');
const tasklistElement = byRole(main, 'tasklist-page');
const insightsElement = byRole(main, 'insights-page');
const experimentsElement = byRole(main, 'experiments-page');
const predictionElement = byRole(main, 'prediction-page');
let tasklist: TasklistPage | undefined;
const modeler = new ModelerPage(modelerElement);
const versions = new VersionsPage(versionsElement, (versionId) => {
  location.hash = '#/modeler';
  void modeler.openDeployed(versionId);
});
const diff = new DiffPage(diffElement);
const insights = new InsightsPage(insightsElement);
const experiments = new ExperimentsPage(experimentsElement);
const prediction = new PredictionPage(predictionElement);

/** The pages stay alive, so switching away and back keeps the diagram being edited. */
const route = async (): Promise<void> => {
  const current = parseRoute(location.hash);
  modelerElement.hidden = current.page !== 'modeler';
  versionsElement.hidden = current.page !== 'versions';
  diffElement.hidden = current.page !== 'diff';
  tasklistElement.hidden = current.page !== 'tasklist';
  insightsElement.hidden = current.page !== 'insights';
  experimentsElement.hidden = current.page !== 'experiments';
  predictionElement.hidden = current.page !== 'prediction';
  for (const link of document.querySelectorAll<HTMLAnchorElement>('[data-nav]')) {
    // The experiments and the prediction are part of the insights.
    link.classList.toggle('active', link.dataset.nav === (current.page === 'experiments' || current.page === 'prediction' ? 'insights' : current.page));
  }
  if (current.page === 'tasklist') await tasklist?.show(current.taskId);
  else if (current.page === 'modeler') modeler.shown();
  else if (current.page === 'insights') await insights.show();
  else if (current.page === 'experiments') await experiments.show(current.experimentId);
  else if (current.page === 'prediction') await prediction.show();
  else if (current.page === 'versions') await versions.show(current.versionId);
  else await diff.show(current.beforeId, current.afterId);
};

window.addEventListener('hashchange', () => void route().catch(reportUnexpected));
// Read before any page writes a money figure; the default (EUR) stays if the engine does not answer.
const settingsRead = getSettings()
  .then((settings) => setCurrency(settings.currency))
  .catch(reportUnexpected);
void ensureSignedIn()
  .then(async (session) => {
    await settingsRead;
    tasklist = new TasklistPage(tasklistElement, session);
    // Each role sees the pages it may use; agents land on their tasks, analysts on the insights, designers (and anyone else) keep the modeler.
    const may = (...roles: string[]) => roles.some((role) => session.user.roles.includes(role));
    for (const link of document.querySelectorAll<HTMLAnchorElement>('[data-nav]')) {
      const allowed = link.dataset.nav === 'tasklist' ? ['agent', 'admin'] : link.dataset.nav === 'insights' ? ['analyst', 'admin'] : ['designer', 'analyst', 'admin'];
      link.hidden = !may(...allowed);
    }
    if (location.hash === '' && may('agent') && !may('designer')) location.hash = '#/tasklist';
    else if (location.hash === '' && may('analyst') && !may('designer')) location.hash = '#/insights';
    versions.allowActions(session);
    await modeler.start(session);
  })
  .then(route)
  .catch(reportUnexpected)
  .finally(() => {
    // Browser tests wait for this before they act.
    document.body.dataset.ready = 'true';
  });
