'use strict';
// A page server with the widget-page-server contract that renders the snippet itself, in
// plain JavaScript, with one flaw chosen by FLAW. test/harness.test.js runs the checks
// against it: with FLAW=none every check must pass (so this page is a fair reference), and
// with each flaw the check that guards against it must fail. That is how we know the checks
// can fail.

const http = require('node:http');
const crypto = require('node:crypto');

const env = process.env;
const FLAW = env.FLAW || 'none';
const FLAWS = ['none', 'unescaped', 'wrong-hash', 'extra-field', 'set-user-twice', 'anonymous-set-user',
  'no-nonce', 'same-nonce', 'report-only-csp', 'leaks-secret', 'offsite-request'];
if (!FLAWS.includes(FLAW)) throw new Error(`unknown FLAW ${FLAW}`);

const FIXED_NONCE = crypto.randomBytes(18).toString('base64');

function escapeForScript(json) {
  if (FLAW === 'unescaped') return json;
  return json.replace(/[<>&'\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function snippet(nonce) {
  const config = { baseUrl: env.CHATWOOT_BASE_URL, websiteToken: env.CHATWOOT_WEBSITE_TOKEN };
  if (env.CHATWOOT_TEST_USER_JSON || FLAW === 'anonymous-set-user') {
    const { identifier, ...fields } = JSON.parse(env.CHATWOOT_TEST_USER_JSON || '{"identifier":"x","name":"x"}');
    const secret = FLAW === 'wrong-hash' ? `${env.CHATWOOT_HMAC_SECRET}.` : env.CHATWOOT_HMAC_SECRET;
    const attributes = { ...fields, identifier_hash: crypto.createHmac('sha256', secret).update(identifier).digest('hex') };
    if (FLAW === 'extra-field') attributes.avatar_url = null;
    config.user = { identifier, attributes };
  }
  const times = FLAW === 'set-user-twice' ? 2 : 1;
  const extra = FLAW === 'leaks-secret' ? `/* ${env.CHATWOOT_HMAC_SECRET} */` : '';
  const offsite = FLAW === 'offsite-request' ? 'fetch("http://example.com/").catch(function () {});' : '';
  const nonceAttribute = nonce && FLAW !== 'no-nonce' ? ` nonce="${nonce}"` : '';
  return `<script${nonceAttribute}>${extra}${offsite}
(function () {
  var config = ${escapeForScript(JSON.stringify(config))};
  if (config.user) {
    window.addEventListener("chatwoot:ready", function () {
      for (var i = 0; i < ${times}; i++) window.$chatwoot.setUser(config.user.identifier, config.user.attributes);
    });
  }
  var g = document.createElement("script");
  g.src = config.baseUrl + "/packs/js/sdk.js";
  g.onload = function () { window.chatwootSDK.run({ websiteToken: config.websiteToken, baseUrl: config.baseUrl }); };
  document.body.appendChild(g);
})();
</script>`;
}

const server = http.createServer((req, res) => {
  const headers = { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' };
  let nonce;
  if (env.CHATWOOT_TEST_CSP === '1') {
    nonce = FLAW === 'same-nonce' ? FIXED_NONCE : crypto.randomBytes(18).toString('base64');
    const header = FLAW === 'report-only-csp' ? 'Content-Security-Policy-Report-Only' : 'Content-Security-Policy';
    headers[header] =
      `script-src 'nonce-${nonce}' 'strict-dynamic'; object-src 'none'; base-uri 'none'`;
  }
  res.writeHead(200, headers);
  res.end(
    '<!doctype html><html><head><meta charset="utf-8"><title>t</title></head><body><h1>page</h1>' +
      snippet(nonce) +
      '</body></html>',
  );
});

server.listen(Number(env.PORT), '127.0.0.1', () => process.stdout.write('ready\n'));
for (const signal of ['SIGTERM', 'SIGINT']) process.once(signal, () => process.exit(0));
