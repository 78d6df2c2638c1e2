import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { AppConfig } from '@rtd/kernel';

/** Paths that belong to the server, never to the web app's router. */
const SERVER_PATHS = /^\/(graphql|health|downloads|uploads|calendar|disiscrizione)(\/|$)/;

/** What the browser app needs to know at run time, so one build serves every installation. */
export function webRuntimeConfig(config: AppConfig) {
  return {
    oidcIssuer: config.oidcIssuer,
    oidcClientId: config.webOidcClientId,
  };
}

export interface WebAppHandlers {
  compressed: express.RequestHandler;
  assets: express.RequestHandler;
  fallback: express.RequestHandler;
}

const COMPRESSIBLE = /^\/assets\/[\w.-]+\.(js|css|svg|map)$/;
const TYPES: Record<string, string> = {
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  svg: 'image/svg+xml',
  map: 'application/json',
};

/** Hashed assets never change: each is gzipped once, on its first request, and kept. */
function compressedAssets(root: string): express.RequestHandler {
  const cache = new Map<string, Buffer | null>();
  return (req, res, next) => {
    const match = COMPRESSIBLE.exec(req.path);
    if (!match || (req.method !== 'GET' && req.method !== 'HEAD') || !req.acceptsEncodings('gzip'))
      return next();
    let body = cache.get(req.path);
    if (body === undefined) {
      try {
        body = gzipSync(readFileSync(path.join(root, req.path)));
      } catch {
        body = null;
      }
      if (body) cache.set(req.path, body);
    }
    if (!body) return next();
    res.setHeader('Content-Type', TYPES[match[1]]);
    res.setHeader('Content-Encoding', 'gzip');
    res.setHeader('Vary', 'Accept-Encoding');
    res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    res.setHeader('Content-Length', String(body.length));
    res.end(req.method === 'HEAD' ? undefined : body);
  };
}

/**
 * Serves the built web app on the API's origin: hashed assets with a long cache, `/config.json`,
 * and `index.html` for every other GET that asks for HTML (deep links like /assegnazioni/<id>).
 * Without a build, `/` says in Italian how to make one.
 */
export function webAppHandlers(config: AppConfig): WebAppHandlers {
  const root = path.resolve(config.webRoot);
  const indexFile = path.join(root, 'index.html');
  const runtimeConfig = JSON.stringify(webRuntimeConfig(config));
  // Handed to the page inside index.html too, so the app needs no extra request to start.
  const configTag = `<script id="rtd-config" type="application/json">${runtimeConfig.replace(/</g, '\\u003c')}</script>`;
  // Read again when the file changes, so a rebuild (`npm run build:web`) needs no restart.
  let index: { html: string; mtimeMs: number } | null = null;
  const readIndex = (): string | null => {
    const stat = statSync(indexFile, { throwIfNoEntry: false });
    if (!stat) return null;
    if (index?.mtimeMs !== stat.mtimeMs) {
      const html = readFileSync(indexFile, 'utf8').replace('</head>', `${configTag}</head>`);
      index = { html, mtimeMs: stat.mtimeMs };
    }
    return index.html;
  };
  const assets = express.static(root, {
    index: false,
    fallthrough: true,
    setHeaders: (res, file) => {
      const immutable = file.includes(`${path.sep}assets${path.sep}`);
      res.setHeader('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  const fallback = (req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || SERVER_PATHS.test(req.path)) return next();
    if (req.path === '/config.json') {
      res.setHeader('Cache-Control', 'no-store');
      res.type('application/json').send(runtimeConfig);
      return;
    }
    if (!req.accepts('html') || path.extname(req.path) !== '') return next();
    const html = readIndex();
    res.setHeader('Cache-Control', 'no-cache');
    if (html === null) {
      res
        .status(503)
        .type('text/plain; charset=utf-8')
        .send(`L'app web non è stata compilata: eseguire "npm run build" (cartella ${root}).`);
      return;
    }
    res.type('html').send(html);
  };
  return { compressed: compressedAssets(root), assets, fallback };
}
