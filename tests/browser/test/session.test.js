'use strict';
// The widget across a session, on pages whose snippet the core renders (through the CLI):
// one visitor's browser goes from user to user, by full page loads and by Turbo Drive visits,
// against the stateful Chatwoot stub. The checks are in support/session-checks.js.

const { test, before, after } = require('node:test');

const { launchChromium } = require('../support/chromium');
const { startSdkStub } = require('../support/sdk-stub');
const { SECRET } = require('../support/checks');
const { startSessionApp } = require('../support/session-app');
const { SESSION_CHECKS } = require('../support/session-checks');

let ctx;

before(async () => {
  const stub = await startSdkStub({ hmacSecret: SECRET });
  const app = await startSessionApp({ sdkBaseUrl: stub.baseUrl });
  ctx = { browser: await launchChromium(), stub, app };
});

after(async () => {
  await ctx?.browser.close();
  await ctx?.app.close();
  await ctx?.stub.close();
});

for (const check of SESSION_CHECKS) {
  test(check.title, () => check.run(ctx));
}
