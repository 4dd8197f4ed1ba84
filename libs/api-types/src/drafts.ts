/** GET and PUT /api/drafts/{name}: a user's autosaved modeler draft; the engine's view implements this. */
export interface DraftView {
  name: string;
  /** the BPMN XML as the modeler held it, possibly half-drawn */
  xml: string;
  /** where the diagram came from (a file name, a deployed version) */
  origin: string;
  savedAt: string;
}
