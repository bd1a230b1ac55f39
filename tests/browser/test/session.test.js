'use strict';
// The widget across a session, on pages whose snippet the core renders: through the CLI, and
// through the Django helper (when `django` is among the frameworks selected, as in
// test/widget.test.js): one visitor's browser goes from user to user, by full page loads and
// by Turbo Drive visits, against the stateful Chatwoot stub. The checks are in
// support/session-checks.js.

const { describe, test, before, after } = require('node:test');

const { browserFixture } = require('../support/browser-fixture');
const { selectedFrameworks } = require('../support/page-sources');
const { startSessionApp } = require('../support/session-app');
const { startDjangoSessionApp } = require('../support/django-session-app');
const { SESSION_CHECKS } = require('../support/session-checks');

// Frameworks whose page server can serve the session app's pages. A framework selected here
// whose server fails FAILS its tests; it is never skipped.
const SESSION_APPS = { cli: startSessionApp, django: startDjangoSessionApp };
const FRAMEWORKS = ['django'];
const TEST_TIMEOUT_MS = 15 * 60_000;

const fixture = browserFixture();

const sources = ['cli', ...selectedFrameworks(FRAMEWORKS).filter((name) => SESSION_APPS[name])];
for (const source of sources) {
  describe(`a session on pages rendered by ${source}`, { timeout: TEST_TIMEOUT_MS }, () => {
    let ctx;
    let starting;
    before(() => {
      starting = SESSION_APPS[source]({ sdkBaseUrl: fixture.stub.baseUrl }).then((app) => {
        ctx = { ...fixture, app };
      });
      starting.catch(() => {}); // reported by each check
    });
    after(async () => {
      await starting?.catch(() => {});
      await ctx?.app.close();
    });

    for (const check of SESSION_CHECKS) {
      test(check.title, async () => {
        await starting;
        await check.run(ctx);
      });
    }
  });
}
