import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AppConfig } from '@rtd/kernel';
import { webAppHandlers } from '../web/web-app';
import { securityHeaders } from './security-headers';

/**
 * The HTTP layer around Nest's routes, in order: security headers on every response first, then
 * the web app, which shares the API's origin and steps aside for /graphql and /health.
 * Called before the application initialises, so that all of it runs ahead of Nest's routes.
 */
export function configureHttp(app: NestExpressApplication, config: AppConfig): void {
  app.disable('x-powered-by');
  // Behind N reverse proxies, the caller's address (the rate limit's key) is the N-th from the
  // right in X-Forwarded-For; with 0, the socket's address, and the header is ignored.
  if (config.trustProxyHops > 0) app.set('trust proxy', config.trustProxyHops);
  app.use(securityHeaders(config));
  const web = webAppHandlers(config);
  app.use(web.compressed);
  app.use(web.assets);
  app.use(web.fallback);
}
