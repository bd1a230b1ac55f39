'use strict';
// The page server for the core itself: the same contract as the framework helpers'
// `widget-page-server` targets (configured from PORT, CHATWOOT_BASE_URL,
// CHATWOOT_WEBSITE_TOKEN, CHATWOOT_HMAC_SECRET, CHATWOOT_TEST_USER_JSON, CHATWOOT_TEST_CSP;
// prints `ready`), with the snippet rendered per request by `chatwoot-identity widget`
// (CHATWOOT_IDENTITY_CLI names the binary). The secret reaches the CLI through its
// environment, never its arguments.

const http = require('node:http');
const crypto = require('node:crypto');
const { execFile } = require('node:child_process');

const env = process.env;
const cli = env.CHATWOOT_IDENTITY_CLI;
if (!cli) throw new Error('CHATWOOT_IDENTITY_CLI must name the chatwoot-identity binary');

function renderSnippet(nonce) {
  const request = { base_url: env.CHATWOOT_BASE_URL, website_token: env.CHATWOOT_WEBSITE_TOKEN };
  // Settings are not part of the framework contract; only this server's own test uses them.
  if (env.CHATWOOT_TEST_SETTINGS_JSON) request.settings = JSON.parse(env.CHATWOOT_TEST_SETTINGS_JSON);
  if (env.CHATWOOT_TEST_USER_JSON) request.user = JSON.parse(env.CHATWOOT_TEST_USER_JSON);
  if (nonce) request.nonce = nonce;
  return new Promise((resolve, reject) => {
    const child = execFile(cli, ['widget'], { maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`chatwoot-identity widget failed: ${stderr || err.message}`));
      else resolve(stdout);
    });
    child.stdin.end(JSON.stringify(request));
  });
}

const server = http.createServer(async (req, res) => {
  if (req.url !== '/') {
    res.writeHead(404).end();
    return;
  }
  const headers = { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' };
  let nonce;
  if (env.CHATWOOT_TEST_CSP === '1') {
    nonce = crypto.randomBytes(18).toString('base64');
    headers['Content-Security-Policy'] =
      `script-src 'nonce-${nonce}' 'strict-dynamic'; object-src 'none'; base-uri 'none'`;
  }
  try {
    const snippet = await renderSnippet(nonce);
    res.writeHead(200, headers);
    res.end(
      '<!doctype html><html><head><meta charset="utf-8"><title>t</title></head><body><h1>page</h1>' +
        snippet +
        '</body></html>',
    );
  } catch (err) {
    res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' }).end(err.message);
  }
});

server.listen(Number(env.PORT), '127.0.0.1', () => {
  process.stdout.write('ready\n');
});
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.once(signal, () => process.exit(0));
}
