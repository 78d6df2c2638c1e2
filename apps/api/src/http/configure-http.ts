import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AppConfig } from '@rtd/kernel';
import { webAppHandlers } from '../web/web-app';
import { securityHeaders } from './security-headers';

/**
 * JSON bodies up to 3 MB (Express's default is 100 kB): the bulk status import sends its file
 * base64-encoded in a GraphQL variable, at most 2 MB before encoding (see docs/exports.md, bulk status import).
 * Registered before Nest's own parser, which then steps aside.
 */
export const JSON_BODY_LIMIT = '3mb';
export function configureBodyLimit(app: NestExpressApplication): void {
  app.useBodyParser('json', { limit: JSON_BODY_LIMIT });
}

/**
 * The HTTP layer around Nest's routes, in order: security headers on every response first, then
 * the web app, which shares the API's origin and steps aside for /graphql and /health.
 * Called before the application initialises, so that all of it runs ahead of Nest's routes.
 */
export function configureHttp(app: NestExpressApplication, config: AppConfig): void {
  app.disable('x-powered-by');
  configureBodyLimit(app);
  // Behind N reverse proxies, the caller's address (the rate limit's key) is the N-th from the
  // right in X-Forwarded-For; with 0, the socket's address, and the header is ignored.
  if (config.trustProxyHops > 0) app.set('trust proxy', config.trustProxyHops);
  app.use(securityHeaders(config));
  const web = webAppHandlers(config);
  app.use(web.compressed);
  app.use(web.assets);
  app.use(web.fallback);
}
