'use strict';
// The session checks (support/session-checks.js) on pages whose snippets the Node package's
// Express middleware renders, in a real Express app served from the installed package
// (`make -C bindings-node widget-page-server SERVER=snippet-server.js`): the same browser goes
// from user to user as in test/session.test.js, whose pages the CLI renders.

const path = require('node:path');
const { test, before, after } = require('node:test');

const { launchChromium } = require('../support/chromium');
const { startSdkStub } = require('../support/sdk-stub');
const { SECRET, WEBSITE_TOKEN } = require('../support/checks');
const { startSessionApp, OTHER_INBOX_SECRET } = require('../support/session-app');
const { SESSION_CHECKS } = require('../support/session-checks');
const { freePort, startServer } = require('../support/processes');
const { REPO, selectedFrameworks } = require('../support/page-sources');

const ENABLED = selectedFrameworks(['express']).includes('express');
let ctx;
let express;

before(async () => {
  if (!ENABLED) return;
  const stub = await startSdkStub({ hmacSecret: SECRET });
  const port = await freePort();
  express = startServer({
    name: 'Express snippet server',
    command: process.env.MAKE || 'make',
    args: ['-s', '-C', path.join(REPO, 'bindings-node'), 'widget-page-server', 'SERVER=snippet-server.js'],
    cwd: REPO,
    timeoutMs: 600_000,
    env: {
      MAKEFLAGS: undefined,
      MFLAGS: undefined,
      MAKELEVEL: undefined,
      PORT: String(port),
      CHATWOOT_BASE_URL: stub.baseUrl,
      CHATWOOT_WEBSITE_TOKEN: WEBSITE_TOKEN,
      CHATWOOT_HMAC_SECRET: SECRET,
      CHATWOOT_OTHER_HMAC_SECRET: OTHER_INBOX_SECRET,
    },
  });
  await express.ready;
  const render = async (request, inbox) => {
    const response = await fetch(`http://127.0.0.1:${port}/snippet`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/html' },
      body: JSON.stringify({ request, inbox }),
    });
    const text = await response.text();
    if (response.status !== 200) throw new Error(`the Express snippet server answered ${response.status}: ${text}`);
    return text;
  };
  const app = await startSessionApp({ sdkBaseUrl: stub.baseUrl, render });
  ctx = { browser: await launchChromium(), stub, app };
});

after(async () => {
  await ctx?.browser.close();
  await ctx?.app.close();
  await ctx?.stub.close();
  await express?.stop();
});

for (const check of SESSION_CHECKS) {
  test(`express: ${check.title}`, { skip: !ENABLED && 'express is not in BROWSER_TEST_FRAMEWORKS' }, () => check.run(ctx));
}
