'use strict';
// The Chromium and the Chatwoot stub (support/sdk-stub.js, signing with the checks' SECRET)
// that every test of one file shares: launching a browser per test would cost more than the
// checks themselves. Called at the top of a test file (tests/browser/test/ and
// tests/nextjs/test/), it registers that file's before and after hooks.

const { before, after } = require('node:test');

const { launchChromium } = require('./chromium');
const { startSdkStub } = require('./sdk-stub');
const { SECRET } = require('./checks');

/**
 * `{ browser, stub }`, both set once the file's `before` hook has run (read them inside tests
 * and hooks, not at load time); the `after` hook closes whichever of them started.
 */
function browserFixture() {
  const fixture = { browser: undefined, stub: undefined };
  before(async () => {
    fixture.stub = await startSdkStub({ hmacSecret: SECRET });
    fixture.browser = await launchChromium();
  });
  after(async () => {
    await fixture.browser?.close();
    await fixture.stub?.close();
  });
  return fixture;
}

module.exports = { browserFixture };
