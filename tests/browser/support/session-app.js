'use strict';
// One loopback web app whose pages carry the widget snippet rendered by the core's CLI
// (`chatwoot-identity widget`, a JSON request on stdin, the secret in its environment), for
// the session checks: the same browser visits pages of different users in turn.
//
//   /as/<name>   signed in as SESSION_USERS[name]      /anonymous   nobody signed in
//
// Query options, kept on every link a page has to the others (a.to-<name>, a.to-anonymous):
//   turbo=1            Turbo Drive (@hotwired/turbo from node_modules, at /turbo.js)
//   head=1             the snippet in <head>, before a script that takes a second (/slow.js)
//   debug=1            the request's `debug`
//   settings=<json>    the request's `settings`
//
// `flaw` (see session-flaws.js) turns the core's snippet into a deliberately flawed one, so
// that test/session-harness.test.js can show every session check fails on it.

const http = require('node:http');
const fs = require('node:fs');
const path = require('node:path');
const { execFile } = require('node:child_process');

const { CLI } = require('./page-sources');
const { SECRET, WEBSITE_TOKEN } = require('./checks');
const { applyFlaw } = require('./session-flaws');

// Another inbox's secret: the hash it gives is one Chatwoot refuses (the debug check's user).
const OTHER_INBOX_SECRET = 'other-inbox-secret-Vb8Nc2Hd5Q';

const ALICE = {
  identifier: 'alice-1001',
  name: 'Alice Example',
  email: 'alice@example.com',
  phone_number: '+15550001001',
  custom_attributes: { plan: 'pro' },
};

const SESSION_USERS = {
  alice: ALICE,
  // The same person after changing only the phone number, which setUser's cookie ignores.
  'alice-new-phone': { ...ALICE, phone_number: '+15550009999' },
  bob: { identifier: 'bob-2002', name: 'Bob Example', email: 'bob@example.com', phone_number: '+15550002002' },
  // Signed with another inbox's secret; the apostrophe tests the quoting of the diagnose command.
  carol: { identifier: "carol-o'hara-3003", name: "Carol O'Hara", email: 'carol@example.com' },
};
const SECRET_FOR = { carol: OTHER_INBOX_SECRET };

const TURBO_JS = path.join(__dirname, '..', 'node_modules', '@hotwired', 'turbo', 'dist', 'turbo.es2017-umd.js');
const SLOW_SCRIPT_MS = 1000;

function renderSnippet(request, secret) {
  return new Promise((resolve, reject) => {
    const child = execFile(
      CLI,
      ['widget'],
      { env: { ...process.env, CHATWOOT_HMAC_SECRET: secret }, maxBuffer: 16 * 1024 * 1024 },
      (err, stdout, stderr) => {
        if (err) reject(new Error(`chatwoot-identity widget failed: ${stderr || err.message}`));
        else resolve(stdout);
      },
    );
    child.stdin.end(JSON.stringify(request));
  });
}

/** `url(pathname, options)`: the URL of `pathname` on `origin` with the query `options`
 * ({turbo, head, debug, settings}). */
function urlOf(origin) {
  return (pathname, options = {}) => {
    const query = new URLSearchParams();
    for (const key of ['turbo', 'head', 'debug']) if (options[key]) query.set(key, '1');
    if (options.settings) query.set('settings', JSON.stringify(options.settings));
    const text = query.toString();
    return `${origin}${pathname}${text ? `?${text}` : ''}`;
  };
}

/** The stand-in for a slow script, and Turbo itself, as every session app serves them. */
function serveAsset(pathname, send) {
  if (pathname === '/slow.js') {
    setTimeout(() => send(200, 'text/javascript', 'window.__slow_script_ran = true;\n'), SLOW_SCRIPT_MS);
    return true;
  }
  if (pathname === '/turbo.js') {
    send(200, 'text/javascript', fs.readFileSync(TURBO_JS, 'utf8'));
    return true;
  }
  return false;
}

function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page({ who, snippet, options, query }) {
  const suffix = query ? `?${query}` : '';
  const links = [...Object.keys(SESSION_USERS).map((name) => [name, `/as/${name}`]), ['anonymous', '/anonymous']]
    .map(([name, href]) => `<a class="to-${name}" href="${escapeHtml(href + suffix)}">${name}</a>`)
    .join(' ');
  const turbo = options.turbo
    ? // No cached previews: each visit renders the server's page, as the checks expect.
      '<meta name="turbo-cache-control" content="no-cache"><script src="/turbo.js"></script>'
    : '';
  const head = options.head ? `${snippet}<script src="/slow.js"></script>` : '';
  return (
    `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(who)}</title>${turbo}${head}</head>` +
    `<body><h1>${escapeHtml(who)}</h1><nav>${links}</nav>${options.head ? '' : snippet}</body></html>`
  );
}

/**
 * Starts the app on 127.0.0.1 (a free port), its pages loading the SDK from `sdkBaseUrl`.
 * `served` lists every body it sent, so a check can look for a secret in all of them.
 */
function startSessionApp({ sdkBaseUrl, flaw = 'none', render = null }) {
  // `render(request, inbox)` ("main" or "other"): another renderer of the snippet, e.g. the
  // Express middleware (test/express-session.test.js); the CLI by default.
  const snippetFor = (request, name) =>
    render ? render(request, SECRET_FOR[name] ? 'other' : 'main') : renderSnippet(request, SECRET_FOR[name] || SECRET);
  const served = [];
  const send = (res, status, type, body) => {
    served.push(body);
    res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
    res.end(body);
  };
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    try {
      if (serveAsset(url.pathname, (...answer) => send(res, ...answer))) return;
      const signedIn = /^\/as\/([a-z-]+)$/.exec(url.pathname);
      const name = signedIn ? signedIn[1] : url.pathname === '/anonymous' ? 'anonymous' : null;
      if (!name || (signedIn && !SESSION_USERS[name])) {
        send(res, 404, 'text/plain', 'not found');
        return;
      }
      const options = {
        turbo: url.searchParams.get('turbo') === '1',
        head: url.searchParams.get('head') === '1',
        debug: url.searchParams.get('debug') === '1',
      };
      const request = { base_url: sdkBaseUrl, website_token: WEBSITE_TOKEN };
      if (url.searchParams.has('settings')) request.settings = JSON.parse(url.searchParams.get('settings'));
      if (signedIn) request.user = SESSION_USERS[name];
      if (options.debug) request.debug = true;
      const snippet = applyFlaw(flaw, await snippetFor(request, name), { secret: SECRET });
      send(res, 200, 'text/html; charset=utf-8', page({ who: name, snippet, options, query: url.searchParams.toString() }));
    } catch (err) {
      send(res, 500, 'text/plain; charset=utf-8', String(err.stack || err));
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const origin = `http://127.0.0.1:${server.address().port}`;
      resolve({
        origin,
        served,
        url: urlOf(origin),
        close: () =>
          new Promise((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

module.exports = { startSessionApp, SESSION_USERS, OTHER_INBOX_SECRET, SLOW_SCRIPT_MS, SECRET_FOR, urlOf, serveAsset };
