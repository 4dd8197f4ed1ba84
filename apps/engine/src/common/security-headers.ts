import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet from 'helmet';

type ContentSecurityPolicy = Record<string, string[]>;

/** The SHA-256 (base64) of `height: 100%`, the properties panel container's style attribute. */
const PROPERTIES_PANEL_CONTAINER_STYLE_SHA256 = 'nR5hyLltSjfvi2rqC26RbcredWrJvTaPA1yqPX96jpY=';

/**
 * The web app's policy: its scripts, styles and requests come from the engine only, it may not be
 * framed, and nothing inline runs. bpmn-js and form-js set element styles through the CSSOM, which
 * CSP does not govern; the one style attribute the app parses is the properties panel's container
 * (`style="height: 100%"`, bpmn-js-properties-panel), allowed by its hash alone rather than by
 * 'unsafe-inline'. The bpmn font and the favicon are data: URLs.
 */
export const APP_CONTENT_SECURITY_POLICY: ContentSecurityPolicy = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'"],
  'style-src-attr': ["'unsafe-hashes'", `'sha256-${PROPERTIES_PANEL_CONTAINER_STYLE_SHA256}'`],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

/**
 * Swagger UI's page (as @nestjs/swagger writes it) carries two <style> elements and a style
 * attribute; its scripts are files, so only styles are loosened, and only under the docs path.
 */
export const DOCS_CONTENT_SECURITY_POLICY: ContentSecurityPolicy = {
  ...APP_CONTENT_SECURITY_POLICY,
  'style-src': ["'self'", "'unsafe-inline'"],
  'style-src-attr': ["'unsafe-inline'"],
};

const headersWith = (directives: ContentSecurityPolicy) =>
  helmet({
    contentSecurityPolicy: { useDefaults: false, directives },
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    // HSTS belongs to the TLS terminator (docker/nginx.conf); over the engine's plain HTTP a browser ignores it.
    strictTransportSecurity: false,
  });

/**
 * Security headers for every response the engine serves (API, web app, Swagger UI): CSP, no
 * framing, nosniff, no referrer, no X-Powered-By. `docsPath` is where Swagger UI is served.
 */
export const securityHeaders = (docsPath: string) => {
  const app = headersWith(APP_CONTENT_SECURITY_POLICY);
  const docs = headersWith(DOCS_CONTENT_SECURITY_POLICY);
  return (request: IncomingMessage, response: ServerResponse, next: (error?: unknown) => void): void => {
    // The docs page, its assets and /api/docs-json.
    ((request.url ?? '/').startsWith(docsPath) ? docs : app)(request, response, next);
  };
};
