'use strict';
// The checks can fail: run against a page server with one deliberate flaw at a time, the
// check that guards against that flaw fails; without a flaw, every check passes on it.

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');

const { browserFixture } = require('../support/browser-fixture');
const { startPageServers } = require('../support/page-servers');
const { SERVERS, CHECKS } = require('../support/checks');

const check = (prefix) => {
  const found = CHECKS.find((c) => c.title.startsWith(prefix));
  assert.ok(found, `a check titled "${prefix}..."`);
  return found;
};
const ANONYMOUS = check('an anonymous visitor');
const SIGNED_IN = check('a signed-in user');
const HOSTILE = check('hostile names');
const CSP = check('under a strict nonce CSP');
const CSP_CONTROL = check('control:');

// flaw -> [the check that must catch it, what its failure must say]
const CAUGHT_BY = {
  unescaped: [HOSTILE, /window\.__trap\(\) was called|uncaught errors/],
  'wrong-hash': [SIGNED_IN, /identifier_hash/],
  'extra-field': [SIGNED_IN, /avatar_url/],
  'set-user-twice': [SIGNED_IN, /setUser calls/],
  'anonymous-set-user': [ANONYMOUS, /no setUser/],
  'no-nonce': [CSP, /the widget never got ready .*CSP violations: \[\{/],
  'same-nonce': [CSP, /a fresh nonce per request/],
  'report-only-csp': [CSP_CONTROL, /the page has a Content-Security-Policy header/],
  'leaks-secret': [SIGNED_IN, /the HMAC secret is in the page/],
  'offsite-request': [SIGNED_IN, /requests left 127\.0\.0\.1/],
};

function flawedSource(flaw) {
  return {
    name: `flawed (${flaw})`,
    command: process.execPath,
    args: [path.join(__dirname, '..', 'support', 'flawed-page-server.js')],
    env: { FLAW: flaw },
  };
}

const fixture = browserFixture();

describe('a page without flaws passes every check', () => {
  let servers;
  before(async () => {
    servers = startPageServers(flawedSource('none'), SERVERS, { baseUrl: fixture.stub.baseUrl });
  });
  after(() => servers?.stop());
  for (const { title, run } of CHECKS) {
    test(title, () => run(servers.context(fixture.browser)));
  }
});

describe('each flaw fails the check that guards against it', () => {
  for (const [flaw, [guard, message]] of Object.entries(CAUGHT_BY)) {
    test(`${flaw}: "${guard.title}" fails`, async () => {
      const only = Object.fromEntries(guard.servers.map((name) => [name, SERVERS[name]]));
      const servers = startPageServers(flawedSource(flaw), only, { baseUrl: fixture.stub.baseUrl });
      try {
        await assert.rejects(guard.run(servers.context(fixture.browser)), message);
      } finally {
        await servers.stop();
      }
    });
  }
});
