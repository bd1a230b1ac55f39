'use strict';
// The widget snippet in a real browser: pages rendered by the core's CLI and by the framework
// helpers load in headless Chromium against a stand-in for Chatwoot's SDK, which records what
// the snippet asks of it. The checks themselves are in support/checks.js.

// Frameworks whose `make widget-page-server` is tested, besides the CLI. A framework listed
// here whose target is missing or broken FAILS its tests; it is never skipped.
// BROWSER_TEST_FRAMEWORKS=django,rails (or "none") overrides this list for one run.
const FRAMEWORKS = ['django', 'rails', 'express', 'flask'];

const { describe, test, before, after } = require('node:test');

const { browserFixture } = require('../support/browser-fixture');
const { pageSources, selectedFrameworks } = require('../support/page-sources');
const { startPageServers } = require('../support/page-servers');
const { SERVERS, CLI_SERVERS, CHECKS, CLI_CHECKS } = require('../support/checks');

// A safety net only: servers and page waits have their own, shorter time limits.
const TEST_TIMEOUT_MS = 15 * 60_000;

const fixture = browserFixture();

for (const source of pageSources(selectedFrameworks(FRAMEWORKS))) {
  const isCli = source.name === 'cli';
  describe(`pages rendered by ${source.name}`, { timeout: TEST_TIMEOUT_MS }, () => {
    let servers;
    before(async () => {
      servers = startPageServers(source, isCli ? { ...SERVERS, ...CLI_SERVERS } : SERVERS, {
        baseUrl: fixture.stub.baseUrl,
      });
    });
    after(() => servers?.stop());

    for (const check of isCli ? [...CHECKS, ...CLI_CHECKS] : CHECKS) {
      test(check.title, () => check.run(servers.context(fixture.browser)));
    }
  });
}
