'use strict';
// A stand-in for Chatwoot's SDK (`<base_url>/packs/js/sdk.js`), served on loopback.
//
// Like the real SDK it defines `window.chatwootSDK.run({ websiteToken, baseUrl })`, which
// installs `window.$chatwoot` and then fires `chatwoot:ready`; its `setUser` checks what the
// real one checks (app/javascript/packs/sdk.js: identifier a string or a number, a user with
// at least one of avatar_url, email, name) and throws otherwise. Every call is recorded in
// `window.__chatwoot_calls` as `{ method, json }`: the arguments as JSON text taken at the time
// of the call, so nothing the page does later can change what the test reads.

const http = require('node:http');

const SDK_PATH = '/packs/js/sdk.js';

function sdkSource() {
  const calls = (window.__chatwoot_calls = window.__chatwoot_calls || []);
  function record(method, args) {
    calls.push({ method, json: JSON.stringify(args) });
  }
  window.chatwootSDK = {
    run(options) {
      // The settings the widget would read, as they are when run() is called.
      record('run', [options, window.chatwootSettings === undefined ? null : window.chatwootSettings]);
      window.$chatwoot = {
        setUser(identifier, user) {
          record('setUser', [identifier, user]);
          if (typeof identifier !== 'string' && typeof identifier !== 'number') {
            throw new Error('Identifier should be a string or a number');
          }
          if (!user || !(user.avatar_url || user.email || user.name)) {
            throw new Error('User object should have one of the keys [avatar_url, email, name]');
          }
        },
        reset() {
          record('reset', []);
        },
      };
      // The real SDK is ready once its iframe has loaded: later than run() returns.
      setTimeout(() => {
        window.dispatchEvent(new CustomEvent('chatwoot:ready'));
        // Listeners run synchronously inside dispatchEvent: after this, any setUser has happened.
        record('ready-dispatched', []);
      }, 0);
    },
  };
}

/** Starts the stub on 127.0.0.1 (a free port). `requests` counts what was fetched from it. */
function startSdkStub() {
  const body = `(${sdkSource.toString()})();\n`;
  const requests = [];
  const server = http.createServer((req, res) => {
    requests.push(req.url);
    if (req.method === 'GET' && req.url === SDK_PATH) {
      res.writeHead(200, {
        'Content-Type': 'text/javascript; charset=utf-8',
        'Cache-Control': 'no-store',
      });
      res.end(body);
    } else {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('not found');
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({
        baseUrl: `http://127.0.0.1:${port}`,
        requests,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

module.exports = { startSdkStub, SDK_PATH };
