'use strict';
// The Next.js app (built by `make build`: next build) served by `next start` on loopback, its
// widget pointed at the Chatwoot stub of tests/browser, visited in Chromium (test/session.js).
// The app as written must pass every check; each deliberately flawed variant (the same build,
// CHATWOOT_TEST_FLAW at `next start`, see app/flaws.js and app/page.js) must fail the checks
// that guard against its mistake, and every check must fail on some variant.

const assert = require('node:assert/strict');
const path = require('node:path');
const { test } = require('node:test');

const { browserFixture } = require('../../browser/support/browser-fixture');
const { freePort, startServer } = require('../../browser/support/processes');
const { SECRET, WEBSITE_TOKEN } = require('../../browser/support/checks');
const { runSession, CHECKS } = require('../support/session');

const APP_DIR = path.join(__dirname, '..');
const NEXT = path.join(APP_DIR, 'node_modules', '.bin', 'next');

// Each flaw, and the checks it must fail (it may fail others too).
const FLAWS = {
  'default-user': ['anonymous', 'log out without a reload: nobody'],
  'wrong-hash': ['log in as alice'],
  'apply-once': ['log in as alice', 'switch to bob without a reload: bob, alice gone', 'log out without a reload: nobody'],
  naive: ['switch to bob without a reload: bob, alice gone', 'log out without a reload: nobody', 'the SDK loaded once, run() once'],
  'no-nonce': ["the SDK's script carries the page's CSP nonce"],
  'full-reload': ['one document throughout'],
};

const fixture = browserFixture();

/** `next start` of the built app on a free loopback port, with CHATWOOT_TEST_FLAW = `flaw`. */
async function withApp(flaw, body) {
  const port = await freePort();
  const server = startServer({
    name: `next start (${flaw ?? 'as written'})`,
    command: 'sh',
    // next prints "✓ Ready in ...ms" once it listens: that line becomes the harness's "ready".
    args: ['-c', `exec "${NEXT}" start -H 127.0.0.1 -p ${port} | sed -u 's/.*Ready in.*/ready/'`],
    cwd: APP_DIR,
    env: {
      NEXT_TELEMETRY_DISABLED: '1',
      CHATWOOT_BASE_URL: fixture.stub.baseUrl,
      CHATWOOT_WEBSITE_TOKEN: WEBSITE_TOKEN,
      CHATWOOT_HMAC_SECRET: SECRET,
      CHATWOOT_TEST_FLAW: flaw ?? '',
    },
    timeoutMs: 60_000,
  });
  await server.ready;
  try {
    return await body(`http://127.0.0.1:${port}`);
  } finally {
    await server.stop();
  }
}

test('the app as written: anonymous, alice, bob, logged out, on one document', async () => {
  await withApp(null, async (origin) => {
    const { failures } = await runSession({ ...fixture, origin });
    assert.deepEqual(failures, {});
  });
});

test('every check fails on some flawed variant', () => {
  const caught = new Set(Object.values(FLAWS).flat());
  assert.deepEqual(Object.keys(CHECKS).filter((name) => !caught.has(name) && !name.startsWith('clean')), []);
});

for (const [flaw, expected] of Object.entries(FLAWS)) {
  test(`flawed variant ${flaw}: fails ${expected.join('; ')}`, async (t) => {
    await withApp(flaw, async (origin) => {
      const { failures } = await runSession({ ...fixture, origin });
      for (const [name, why] of Object.entries(failures)) t.diagnostic(`${name}: ${why.split('\n')[0]}`);
      const missed = expected.filter((name) => !(name in failures));
      assert.deepEqual(missed, [], `checks that passed on ${flaw}: ${JSON.stringify(failures)}`);
    });
  });
}
