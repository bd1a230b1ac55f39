'use strict';
// One page source's servers, one per entry of `servers`, and the `open` that the checks use
// to load their pages. The servers start one after the other: a binding's
// `widget-page-server` may build or install its package first, and two of those at once in
// the same folder would trip over each other.

const assert = require('node:assert/strict');

const { freePort, startServer } = require('./processes');
const { openPage } = require('./pages');
const { SECRET, WEBSITE_TOKEN } = require('./checks');
const { REPO } = require('./page-sources');

// The first server of a source may build and install its binding first (the binding's suite
// normally did that already); the others only boot.
const FIRST_SERVER_START_MS = 600_000;
const SERVER_START_MS = 90_000;

function startPageServers(source, servers, { baseUrl }) {
  const started = {};
  let previous = Promise.resolve();
  let timeoutMs = FIRST_SERVER_START_MS;
  for (const [name, env] of Object.entries(servers)) {
    const startTimeoutMs = timeoutMs;
    timeoutMs = SERVER_START_MS;
    const entry = { url: null, server: null };
    entry.ready = previous.then(async () => {
      const port = await freePort();
      entry.url = `http://127.0.0.1:${port}/`;
      entry.server = startServer({
        name: `${source.name} page server "${name}"`,
        command: source.command,
        args: source.args,
        cwd: REPO,
        timeoutMs: startTimeoutMs,
        env: {
          // Only what the scenario sets: nothing of the contract leaks in from our environment,
          // nor the calling make's flags into the binding's make.
          CHATWOOT_TEST_USER_JSON: undefined,
          CHATWOOT_TEST_CSP: undefined,
          CHATWOOT_TEST_SETTINGS_JSON: undefined,
          MAKEFLAGS: undefined,
          MFLAGS: undefined,
          MAKELEVEL: undefined,
          ...source.env,
          ...env,
          PORT: String(port),
          CHATWOOT_BASE_URL: baseUrl,
          CHATWOOT_WEBSITE_TOKEN: WEBSITE_TOKEN,
          CHATWOOT_HMAC_SECRET: SECRET,
        },
      });
      await entry.server.ready;
    });
    previous = entry.ready.catch(() => {}); // reported by the check that needs this server
    started[name] = entry;
  }
  const contexts = [];
  return {
    /** A context for the checks: loads `name`'s page in `browser` (a new browser context). */
    context(browser) {
      return {
        baseUrl,
        async open(name, options) {
          const entry = started[name];
          await entry.ready;
          const opened = await openPage(browser, entry.url, options);
          contexts.push(opened.context);
          assert.equal(opened.response.status(), 200, `GET ${entry.url}`);
          return opened;
        },
      };
    },
    async stop() {
      await Promise.all(contexts.map((context) => context.close().catch(() => {})));
      await previous;
      await Promise.all(Object.values(started).map((entry) => entry.server?.stop()));
    },
  };
}

module.exports = { startPageServers };
