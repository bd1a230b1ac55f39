'use strict';
// The session checks can fail: each one fails on the previous release's naive loader, and
// each mutant of the core's loader (one behaviour taken out, see support/session-flaws.js)
// fails the check that guards that behaviour, with the failure named here. That the checks
// pass on the core's own snippet is test/session.test.js.

const { describe, test } = require('node:test');
const assert = require('node:assert/strict');

const { browserFixture } = require('../support/browser-fixture');
const { startSessionApp } = require('../support/session-app');
const { SESSION_CHECKS } = require('../support/session-checks');
const { FLAWS } = require('../support/session-flaws');

const check = (prefix) => {
  const found = SESSION_CHECKS.filter((c) => c.title.startsWith(prefix));
  assert.equal(found.length, 1, `one session check titled "${prefix}..."`);
  return found[0];
};
const LOG_OUT = check('log in, log out');
const SWITCH = check('another user');
const SAME_USER = check('the same user from page to page');
const TURBO = check('Turbo Drive anonymous');
const TURBO_LOG_OUT = check('Turbo Drive from a signed-in page');
const HEAD = check('the snippet in <head>');
const SETTINGS = check('each new setting');
const DEBUG = check('debug:');

// [flaw, the check that must fail on it, what its failure must say]
const CAUGHT = [
  ['naive', LOG_OUT, /reset\(\) calls on the first anonymous page/],
  ['naive', SWITCH, /bob's widget kept alice's conversation/],
  ['naive', SAME_USER, /with the new phone number: the widget holds other fields/],
  ['naive', TURBO, /sdk\.js fetched once/],
  ['naive', TURBO_LOG_OUT, /turbo visit logged out: the widget kept alice's conversation/],
  ['naive', HEAD, /uncaught errors on the page/],
  ['naive', SETTINGS, /chatwootSettings\.widgetStyle when run\(\) was called/],
  ['naive', DEBUG, /one console message with debug on/],
  ['resend-every-page', SAME_USER, /set-user messages the widget received by the second page/],
  ['reset-ends-early', SWITCH, /set-user messages bob's conversation received/],
  // setUser on the moved iframe throws, or its message is lost in the reload: which one, and
  // on which visit, depends on timing.
  ['no-turbo-wait', TURBO, /turbo visit as (alice|bob): (uncaught errors on the page|the widget holds no user)/],
  ['explain-every-refusal', TURBO, /console messages of the page/],
  ['explain-every-refusal', DEBUG, /one console message after a Turbo visit/],
  ['explain-without-debug', DEBUG, /console messages of the page/],
  ['secret-in-console', LOG_OUT, /the HMAC secret is in the page, the console or a message/],
];

test('every session check fails on the naive loader, and every flaw is caught', () => {
  for (const c of SESSION_CHECKS) {
    assert.ok(
      CAUGHT.some(([flaw, guard]) => flaw === 'naive' && guard === c),
      `"${c.title}" is not shown to fail on the naive loader`,
    );
  }
  for (const flaw of FLAWS.filter((f) => f !== 'none')) {
    assert.ok(CAUGHT.some(([caught]) => caught === flaw), `no check is shown to catch the flaw ${flaw}`);
  }
});

const fixture = browserFixture();

describe('each flaw fails the session check that guards against it', () => {
  for (const [flaw, guard, message] of CAUGHT) {
    test(`${flaw}: "${guard.title}" fails`, async () => {
      const app = await startSessionApp({ sdkBaseUrl: fixture.stub.baseUrl, flaw });
      try {
        await assert.rejects(guard.run({ ...fixture, app }), message);
      } finally {
        await app.close();
      }
    });
  }
});
