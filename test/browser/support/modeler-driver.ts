import type { Locator, Page } from 'playwright-core';

/** The modeler page as a designer uses it: clicks on the canvas, the context pad and the properties panel. */
export class ModelerDriver {
  readonly root: Locator;

  constructor(readonly page: Page) {
    this.root = page.locator('[data-role="modeler-page"]');
  }

  /** Opens the modeler on a new diagram: a draft an earlier test left on the server is discarded. */
  async open(baseUrl: string): Promise<void> {
    await this.page.goto(`${baseUrl}/#/modeler`);
    await this.page.waitForSelector('body[data-ready="true"]');
    const discard = this.root.locator('[data-action="discard-draft"]');
    if ((await discard.count()) > 0) {
      await discard.click();
      await this.root.locator('[data-role="status"]:has-text("Draft discarded")').waitFor();
    }
  }

  /** Deploys through the deploy dialog with a tag; answers once the dialog has closed (the status line then tells the outcome). */
  async deploy(tag = 'to-be'): Promise<void> {
    await this.click('deploy');
    const dialog = this.root.locator('[data-role="deploy-dialog"][open]');
    await dialog.waitFor();
    await dialog.locator('[data-role="deploy-tag"]').fill(tag);
    await dialog.locator('[data-action="confirm-deploy"]').click();
    await dialog.waitFor({ state: 'detached' }).catch(() => undefined);
  }

  /** Opens a model through the file input, as a designer picks a file; answers once the page has opened it or said why not. */
  async openFile(file: string | { name: string; xml: string }): Promise<void> {
    const input = this.root.locator('[data-role="file-input"]');
    if (typeof file === 'string') await input.setInputFiles(file);
    else await input.setInputFiles({ name: file.name, mimeType: 'application/xml', buffer: Buffer.from(file.xml) });
    const name = typeof file === 'string' ? file.split('/').pop()! : file.name;
    // Either the origin names the file (opened) or the status line says it could not be opened.
    await this.root.locator(`[data-role="origin"]:text-is("${name}"), [data-role="status"][data-kind="error"]:has-text("Could not open ${name}")`).first().waitFor();
  }

  shape(elementId: string): Locator {
    return this.root.locator(`.djs-shape[data-element-id="${elementId}"]`);
  }

  /** Selects a shape by clicking it, unless it is selected already (a second click may toggle it off). */
  async select(elementId: string): Promise<void> {
    const selected = this.root.locator(`.djs-shape.selected[data-element-id="${elementId}"]`);
    if ((await selected.count()) === 0) await this.shape(elementId).click();
    await selected.waitFor();
  }

  /** Appends an element with the selected shape's context pad; answers the new element's id. */
  async append(fromId: string, action: 'append.append-task' | 'append.end-event', name?: string): Promise<string> {
    await this.select(fromId);
    await this.root.locator(`.djs-context-pad [data-action="${action}"]`).click();
    const created = this.root.locator('.djs-shape.selected');
    const id = await created.getAttribute('data-element-id');
    if (id === null || id === fromId) throw new Error(`appending with ${action} selected no new element`);
    if (name !== undefined) await this.page.keyboard.type(name);
    // A click on empty canvas ends the label editing.
    await this.root.locator('.canvas').click({ position: { x: 700, y: 560 } });
    return id;
  }

  async replaceWith(elementId: string, entry: 'replace-with-user-task'): Promise<void> {
    await this.select(elementId);
    await this.root.locator('.djs-context-pad [data-action="replace"]').click();
    await this.page.locator(`.djs-popup [data-id="${entry}"]`).click();
    await this.root.locator(`.djs-shape.selected[data-element-id="${elementId}"]`).waitFor();
  }

  /** The properties panel's input for one tandem: attribute of the selected element. */
  field(property: string): Locator {
    return this.root.locator(`#bio-properties-panel-tandem-${property}`);
  }

  valueBadge(elementId: string): Locator {
    return this.root.locator(`.tandem-value-badge[data-element="${elementId}"]`);
  }

  problemBadge(elementId: string): Locator {
    return this.root.locator(`.tandem-problem-badge[data-element="${elementId}"]`);
  }

  problems(): Locator {
    return this.root.locator('[data-role="problems"] li.problem');
  }

  figure(name: 'nva-steps' | 'nva-minutes' | 'va' | 'bva' | 'unclassified'): Locator {
    return this.root.locator(`[data-role="summary"] [data-figure="${name}"] .figure-value`);
  }

  status(): Locator {
    return this.root.locator('[data-role="status"]');
  }

  async click(action: string): Promise<void> {
    await this.root.locator(`[data-action="${action}"]`).click();
  }
}
