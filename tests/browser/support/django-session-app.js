'use strict';
// The session app's pages (support/session-app.js lists them) rendered by Django: bindings-python's
// `make widget-page-server` with CHATWOOT_TEST_SESSION_USERS_JSON serves /as/<name> and
// /anonymous through `{% chatwoot_widget %}` (tests/widget_page/views.py), the same markup as the
// CLI's session app. A loopback proxy in front of it serves /turbo.js and /slow.js, sends the
// pages of a user signed with another inbox's secret (carol) to a second Django server
// configured with that secret, and records every body served, for the checks' secret search.

const http = require('node:http');
const path = require('node:path');

const { freePort, startServer } = require('./processes');
const { REPO } = require('./page-sources');
const { WEBSITE_TOKEN, SECRET } = require('./checks');
const { SESSION_USERS, SECRET_FOR, urlOf, serveAsset } = require('./session-app');

// The first start may build and install the package (the binding's suite normally did).
const FIRST_START_MS = 600_000;
const START_MS = 90_000;

async function startDjango(secret, sdkBaseUrl, timeoutMs) {
  const port = await freePort();
  const server = startServer({
    name: `django session page server (${secret === SECRET ? "the inbox's secret" : 'another secret'})`,
    command: process.env.MAKE || 'make',
    args: ['-s', '-C', path.join(REPO, 'bindings-python'), 'widget-page-server'],
    cwd: REPO,
    timeoutMs,
    env: {
      MAKEFLAGS: undefined,
      MFLAGS: undefined,
      MAKELEVEL: undefined,
      CHATWOOT_TEST_USER_JSON: undefined,
      CHATWOOT_TEST_CSP: undefined,
      PORT: String(port),
      CHATWOOT_BASE_URL: sdkBaseUrl,
      CHATWOOT_WEBSITE_TOKEN: WEBSITE_TOKEN,
      CHATWOOT_HMAC_SECRET: secret,
      CHATWOOT_TEST_SESSION_USERS_JSON: JSON.stringify(SESSION_USERS),
    },
  });
  await server.ready;
  return { port, server };
}

/** As startSessionApp: `{origin, served, url(pathname, options), close()}`. */
async function startDjangoSessionApp({ sdkBaseUrl }) {
  const backends = { [SECRET]: await startDjango(SECRET, sdkBaseUrl, FIRST_START_MS) };
  for (const secret of new Set(Object.values(SECRET_FOR))) {
    backends[secret] = await startDjango(secret, sdkBaseUrl, START_MS);
  }
  const served = [];
  const proxy = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    const send = (status, type, body) => {
      served.push(body);
      res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
      res.end(body);
    };
    if (serveAsset(url.pathname, send)) return;
    const name = /^\/as\/([a-z-]+)$/.exec(url.pathname)?.[1];
    const { port } = backends[SECRET_FOR[name] || SECRET];
    const upstream = http.request(
      { host: '127.0.0.1', port, path: req.url, method: req.method, headers: req.headers },
      (answer) => {
        const chunks = [];
        answer.on('data', (chunk) => chunks.push(chunk));
        answer.on('end', () => {
          const body = Buffer.concat(chunks);
          served.push(body.toString('utf8'));
          res.writeHead(answer.statusCode, answer.headers);
          res.end(body);
        });
      },
    );
    upstream.on('error', (err) => send(502, 'text/plain', `django session page server: ${err.message}`));
    req.pipe(upstream);
  });
  const stopBackends = () => Promise.all(Object.values(backends).map((backend) => backend.server.stop()));
  await new Promise((resolve, reject) => {
    proxy.once('error', reject);
    proxy.listen(0, '127.0.0.1', resolve);
  }).catch(async (err) => {
    await stopBackends();
    throw err;
  });
  const origin = `http://127.0.0.1:${proxy.address().port}`;
  return {
    origin,
    served,
    url: urlOf(origin),
    close: async () => {
      proxy.closeAllConnections();
      await new Promise((done) => proxy.close(() => done()));
      await stopBackends();
    },
  };
}

module.exports = { startDjangoSessionApp };
