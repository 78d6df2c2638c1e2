import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { AppConfig } from '@rtd/kernel';

/** Paths answered by the server itself (GraphQL, health, downloads), not by the web app. */
const SERVER_PATHS = /^\/(graphql|health|downloads|calendar)(\/|$)/;
const GRAPHQL_PATH = /^\/graphql(\/|$)/;
/**
 * The page oidc-client-ts loads in its hidden frame to renew tokens silently: the app's own
 * page, framed by the app itself, so it may be framed by its own origin and nothing else.
 */
const SILENT_CALLBACK_PATH = '/auth/callback';

/** The Content-Security-Policy of the web app: its own files, plus the OIDC provider. */
export function webContentSecurityPolicy(config: AppConfig, frameAncestors: string): string {
  const issuer = new URL(config.oidcIssuer).origin;
  return [
    "default-src 'self'",
    "script-src 'self'",
    // React's style attributes and ECharts' SVG carry inline styles.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    // Bootstrap Italia's CSS embeds one font (VideoJS' icons) as a data: URL.
    "font-src 'self' data:",
    `connect-src 'self' ${issuer}`,
    // Silent renewal: a hidden frame to the provider, which redirects back to the app's callback.
    `frame-src 'self' ${issuer}`,
    `form-action 'self' ${issuer}`,
    "base-uri 'self'",
    "object-src 'none'",
    `frame-ancestors ${frameAncestors}`,
  ].join('; ');
}

/**
 * What helmet would set, written out (no dependency): every response of the API, GraphQL,
 * health, the web app and its assets, gets these headers before any handler runs.
 */
export function securityHeaders(config: AppConfig): RequestHandler {
  const production = config.nodeEnv === 'production';
  const webPolicy = webContentSecurityPolicy(config, "'none'");
  const callbackPolicy = webContentSecurityPolicy(config, "'self'");
  return (req: Request, res: Response, next: NextFunction) => {
    const callback = req.path === SILENT_CALLBACK_PATH;
    res.removeHeader('X-Powered-By');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('X-Frame-Options', callback ? 'SAMEORIGIN' : 'DENY');
    res.setHeader('Referrer-Policy', 'same-origin');
    if (production || req.secure) {
      res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    }
    // GraphQL and health answer JSON (and, in development, Apollo's sandbox page, loaded from
    // Apollo's CDN): no page of the app, so only framing is forbidden there.
    res.setHeader(
      'Content-Security-Policy',
      SERVER_PATHS.test(req.path) ? "frame-ancestors 'none'" : callback ? callbackPolicy : webPolicy,
    );
    // GraphQL answers are the caller's own data: no cache, shared or private, keeps them.
    if (GRAPHQL_PATH.test(req.path)) res.setHeader('Cache-Control', 'no-store');
    next();
  };
}
