/**
 * GET /openapi.json (generated from the route declarations) and GET /docs, a Swagger UI page whose
 * assets come from the swagger-ui-dist package on disk: it works with no internet access.
 */
import { createReadStream } from 'node:fs';
import path from 'node:path';
import Router from '@koa/router';
import { openApiDocument } from './framework/openapi';
import type { Route } from './framework/route';

export const API_INFO = {
  title: 'sec-tracker API',
  version: '1',
  description:
    'Insider transactions from SEC Forms 3, 4 and 5, normalized and summarized. Read-only. Errors are `{"error": {"code", "message", "parameter"}}`: 400 for a bad parameter, 404 for an unknown ticker, CIK or accession number.',
};

const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'application/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
};

const PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>sec-tracker API</title>
  <link rel="stylesheet" href="/docs/assets/swagger-ui.css">
  <link rel="icon" href="/docs/assets/favicon-32x32.png">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="/docs/assets/swagger-ui-bundle.js"></script>
  <script src="/docs/init.js"></script>
</body>
</html>`;

// An external script, not an inline one, so a strict Content-Security-Policy still allows it.
const INIT = `window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#swagger-ui', deepLinking: true });`;

function swaggerDir(): string {
  return path.dirname(require.resolve('swagger-ui-dist/package.json'));
}

export function docsRoutes(routes: readonly Route[]): Router {
  const router = new Router();
  const document = JSON.stringify(openApiDocument(routes, API_INFO));
  const dir = swaggerDir();
  router.get('/openapi.json', (ctx) => {
    ctx.type = 'application/json';
    ctx.body = document;
  });
  router.get('/docs', (ctx) => {
    ctx.type = 'text/html; charset=utf-8';
    ctx.body = PAGE;
  });
  router.get('/docs/init.js', (ctx) => {
    ctx.type = 'application/javascript; charset=utf-8';
    ctx.body = INIT;
  });
  router.get('/docs/assets/:file', (ctx) => {
    const file = ctx.params.file ?? '';
    const type = ASSETS[file];
    if (!type) {
      return; // falls through to the 404
    }
    ctx.type = type;
    ctx.set('cache-control', 'public, max-age=86400');
    ctx.body = createReadStream(path.join(dir, file));
  });
  return router;
}
