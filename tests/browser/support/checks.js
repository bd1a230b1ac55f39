'use strict';
// What every page source must get right, as checks that take a context:
// `{ baseUrl, open(server, options) }`, where `baseUrl` is the stub SDK's and `open` loads the
// page of one of the page servers named in SERVERS (each check lists those it opens). The same checks run against the real
// sources (test/widget.test.js) and against deliberately broken pages (test/harness.test.js).

const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const { spawnSync } = require('node:child_process');

const { SDK_PATH } = require('./sdk-stub');
const { PLAIN_USER, HOSTILE_USER } = require('./users');
const { CLI } = require('./page-sources');
const { waitInPage, waitForWidgetReady, recordedCalls, utf8Hex, setUserArgumentsAsUtf8Hex, scriptElements } =
  require('./pages');

// Distinctive, so that finding it in a page means it leaked.
const SECRET = 'browser-test-secret-7Qz1Kx9Lw3';
const WEBSITE_TOKEN = 'BrowserTestToken4711';

// The page servers a source runs: the variables each is started with, besides PORT,
// CHATWOOT_BASE_URL, CHATWOOT_WEBSITE_TOKEN and CHATWOOT_HMAC_SECRET.
const SERVERS = {
  anonymous: {},
  signedIn: { CHATWOOT_TEST_USER_JSON: JSON.stringify(PLAIN_USER) },
  hostile: { CHATWOOT_TEST_USER_JSON: JSON.stringify(HOSTILE_USER) },
  csp: { CHATWOOT_TEST_USER_JSON: JSON.stringify(PLAIN_USER), CHATWOOT_TEST_CSP: '1' },
};
// Widget settings are not in the framework contract; only the CLI page server takes them.
const CLI_SERVERS = {
  settings: {
    CHATWOOT_TEST_SETTINGS_JSON: JSON.stringify({
      locale: 'pt_BR',
      position: 'left',
      type: 'expanded_bubble',
      launcher_title: '</script><script>window.__trap()</script>',
      dark_mode: 'auto',
    }),
  },
};

/** The expected identifier_hash, computed with Node's own HMAC: not the code under test. */
function expectedHash(identifier) {
  return crypto.createHmac('sha256', SECRET).update(identifier, 'utf8').digest('hex');
}

/** Whether the core, through `chatwoot-identity verify`, accepts `hash` for `identifier`. */
function coreVerifies(identifier, hash) {
  const result = spawnSync(CLI, ['verify', '--', identifier, hash], {
    env: { ...process.env, CHATWOOT_HMAC_SECRET: SECRET },
    encoding: 'utf8',
  });
  if (result.error) throw result.error;
  assert.ok([0, 1].includes(result.status), `chatwoot-identity verify: ${result.stderr}`);
  return result.status === 0;
}

/** The second argument setUser must receive for `user`: its fields plus identifier_hash. */
function expectedAttributes(user) {
  const { identifier, ...fields } = user;
  return { ...fields, identifier_hash: expectedHash(identifier) };
}

/** Nothing went wrong on the page: no trap, error, dialog or request off loopback. */
async function assertCleanPage({ page, seen }) {
  assert.deepEqual(await page.evaluate(() => window.__trap_calls), [], 'window.__trap() was called');
  assert.deepEqual(seen.pageErrors, [], 'uncaught errors on the page');
  assert.deepEqual(seen.dialogs, [], 'dialogs opened');
  assert.deepEqual(seen.offsite, [], 'requests left 127.0.0.1');
  assert.deepEqual(seen.consoleErrors, [], 'console errors');
}

/** The loader ran: one run() with the token and base URL; the only scripts are its own. */
async function assertLoaderRan(ctx, opened, calls) {
  const runs = calls.filter((call) => call.method === 'run');
  assert.equal(runs.length, 1, 'chatwootSDK.run calls');
  assert.deepEqual(runs[0].args[0], { websiteToken: WEBSITE_TOKEN, baseUrl: ctx.baseUrl });
  const scripts = await scriptElements(opened.page);
  assert.equal(scripts.length, 2, `script elements: ${JSON.stringify(scripts).slice(0, 500)}`);
  // Chatwoot's loader inserts the SDK's element before the first script of the page.
  const snippet = scripts.find((script) => script.src === null);
  assert.match(snippet?.inline ?? '', /chatwootSDK\.run/, 'one script is the inline snippet');
  assert.ok(
    scripts.some((script) => script.src === ctx.baseUrl + SDK_PATH),
    'the other is the SDK, from the base URL',
  );
  assert.equal(await opened.page.textContent('h1'), 'page');
  const html = await opened.response.text();
  assert.ok(!html.includes(SECRET), 'the HMAC secret is in the page');
}

/** setUser was called exactly once, on chatwoot:ready, with the identifier and fields of `user`. */
function assertSetUserOnce(calls, user) {
  const setUsers = calls.filter((call) => call.method === 'setUser');
  assert.equal(setUsers.length, 1, 'setUser calls');
  const [identifier, attributes] = setUsers[0].args;
  assert.equal(identifier, user.identifier);
  assert.match(attributes.identifier_hash, /^[0-9a-f]{64}$/);
  assert.ok(coreVerifies(identifier, attributes.identifier_hash), 'the core does not verify the identifier_hash');
  assert.deepStrictEqual(attributes, expectedAttributes(user));
  const readyIndex = calls.findIndex((call) => call.method === 'ready-dispatched');
  assert.ok(calls.indexOf(setUsers[0]) < readyIndex, 'setUser ran in a chatwoot:ready listener');
}

/**
 * The nonce of the page's CSP header, which must be the contract's strict policy: script-src
 * with exactly a nonce and 'strict-dynamic' (in any order: order means nothing in CSP).
 */
function cspNonce(headers) {
  const policy = headers['content-security-policy'];
  assert.ok(policy, 'the page has a Content-Security-Policy header');
  const directives = new Map(
    policy
      .split(';')
      .map((directive) => directive.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...sources]) => [name.toLowerCase(), sources]),
  );
  const scriptSources = directives.get('script-src') ?? [];
  const nonces = scriptSources.filter((source) => /^'nonce-[A-Za-z0-9+/_-]+={0,2}'$/.test(source));
  assert.equal(nonces.length, 1, `one nonce in script-src: ${policy}`);
  assert.deepEqual(
    [...scriptSources].sort(),
    [nonces[0], "'strict-dynamic'"].sort(),
    `script-src is exactly the nonce and 'strict-dynamic': ${policy}`,
  );
  assert.deepEqual(directives.get('object-src'), ["'none'"], `object-src 'none': ${policy}`);
  assert.deepEqual(directives.get('base-uri'), ["'none'"], `base-uri 'none': ${policy}`);
  return nonces[0].slice("'nonce-".length, -1);
}

/**
 * Opens the page of `server`, waits for the widget to get ready and checks the loader ran
 * (assertLoaderRan): what most checks start from. Returns the opened page and its SDK calls.
 */
async function openReadyPage(ctx, server) {
  const opened = await ctx.open(server);
  await waitForWidgetReady(opened);
  const calls = await recordedCalls(opened.page);
  await assertLoaderRan(ctx, opened, calls);
  return { opened, calls };
}

async function signedInPage(ctx, server, user) {
  const { opened, calls } = await openReadyPage(ctx, server);
  assertSetUserOnce(calls, user);
  return opened;
}

const CHECKS = [
  {
    title: 'an anonymous visitor gets the loader and no setUser',
    servers: ['anonymous'],
    async run(ctx) {
      const { opened, calls } = await openReadyPage(ctx, 'anonymous');
      assert.deepEqual(
        calls.map((call) => call.method),
        ['run', 'ready-dispatched'],
        'no setUser (nor anything else) for an anonymous visitor',
      );
      await assertCleanPage(opened);
    },
  },
  {
    title: 'a signed-in user is set once with a verifying identifier_hash and the exact fields',
    servers: ['signedIn'],
    async run(ctx) {
      await assertCleanPage(await signedInPage(ctx, 'signedIn', PLAIN_USER));
    },
  },
  {
    title: 'hostile names, emails and custom attributes never run and arrive byte-identical',
    servers: ['hostile'],
    async run(ctx) {
      const opened = await ctx.open('hostile');
      // First, as soon as the page has loaded: did a value run as code (whatever else it broke)?
      await assertCleanPage(opened);
      await waitForWidgetReady(opened);
      const calls = await recordedCalls(opened.page);
      await assertLoaderRan(ctx, opened, calls);
      assertSetUserOnce(calls, HOSTILE_USER);
      // Compared as UTF-8 bytes taken inside the page, so no transfer can normalize anything.
      assert.deepStrictEqual(
        await setUserArgumentsAsUtf8Hex(opened.page),
        utf8Hex([HOSTILE_USER.identifier, expectedAttributes(HOSTILE_USER)]),
      );
    },
  },
  {
    title: 'under a strict nonce CSP the snippet runs and sets the user',
    servers: ['csp'],
    async run(ctx) {
      const first = await signedInPage(ctx, 'csp', PLAIN_USER);
      const nonce = cspNonce(first.response.headers());
      const snippet = (await scriptElements(first.page)).find((script) => script.src === null);
      assert.equal(snippet.nonce, nonce, "the snippet carries the header's nonce");
      assert.deepEqual(await first.page.evaluate(() => window.__csp_violations), [], 'CSP violations');
      await assertCleanPage(first);
      const second = await ctx.open('csp');
      assert.notEqual(cspNonce(second.response.headers()), nonce, 'a fresh nonce per request');
    },
  },
  {
    title: 'control: the same page without the nonce on the snippet is blocked by its CSP',
    servers: ['csp'],
    async run(ctx) {
      const rewritten = { count: 0, error: null };
      const opened = await ctx.open('csp', {
        // The server's own response and headers, with only the snippet's nonce taken out.
        rewrite: async (route) => {
          const response = await route.fetch();
          const html = await response.text();
          try {
            const nonce = cspNonce(response.headers());
            const stripped = html.replace(`<script nonce="${nonce}">`, () => {
              rewritten.count += 1;
              return '<script>';
            });
            await route.fulfill({ response, body: stripped });
          } catch (err) {
            rewritten.error = err;
            await route.fulfill({ response, body: html });
          }
        },
      });
      if (rewritten.error) throw rewritten.error;
      assert.equal(rewritten.count, 1, 'the snippet tag with the nonce was found and rewritten');
      const violations = await waitInPage(
        opened.page,
        () => window.__csp_violations.length > 0 && window.__csp_violations,
        'a CSP violation report',
      );
      assert.ok(
        violations.some((v) => v.directive.startsWith('script-src') && v.blockedURI === 'inline'),
        `an inline script was blocked: ${JSON.stringify(violations)}`,
      );
      assert.deepEqual(await recordedCalls(opened.page), [], 'nothing of the snippet ran');
      assert.equal(await opened.page.evaluate(() => typeof window.chatwootSDK), 'undefined');
    },
  },
];

const CLI_CHECKS = [
  {
    title: 'widget settings are in window.chatwootSettings when run() is called',
    servers: ['settings'],
    async run(ctx) {
      const { opened, calls } = await openReadyPage(ctx, 'settings');
      assert.deepStrictEqual(calls[0].args[1], {
        locale: 'pt_BR',
        position: 'left',
        type: 'expanded_bubble',
        launcherTitle: '</script><script>window.__trap()</script>',
        darkMode: 'auto',
      });
      await assertCleanPage(opened);
    },
  },
];

module.exports = {
  SECRET,
  WEBSITE_TOKEN,
  SERVERS,
  CLI_SERVERS,
  CHECKS,
  CLI_CHECKS,
  expectedHash,
  expectedAttributes,
  coreVerifies,
  assertCleanPage,
};
