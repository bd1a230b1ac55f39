'use strict';
// A stand-in for Chatwoot: its SDK (`<base_url>/packs/js/sdk.js`), its widget (the iframe at
// `<base_url>/widget`) and the part of its server the widget talks to, on loopback.
//
// It models what the snippet has to get right across a session (app/javascript/entrypoints/
// sdk.js, app/javascript/sdk/IFrameHelper.js, app/controllers/widgets_controller.rb and
// api/v1/widget/contacts_controller.rb in chatwoot/chatwoot):
//
// - `chatwootSDK.run()` returns early when `window.$chatwoot` exists; otherwise it appends its
//   styles and the widget iframe to `document.body` (so it throws before <body> exists, as the
//   real one does) and listens for the widget's messages on `window.onmessage`.
// - The widget is a real iframe. Its URL carries the `cw_conversation` cookie when there is
//   one; without it the server starts a new conversation. Once loaded it posts
//   `chatwoot-widget:{"event":"loaded","config":{"authToken":...}}`; the SDK then stores the
//   token in `cw_conversation`, re-posts `window.$chatwoot.user` as `set-user` WITHOUT its
//   identifier (as the SDK does), and dispatches `chatwoot:ready` unless reset() was called.
// - `setUser(identifier, user)` throws as the real one does; it is a no-op while the cookie
//   `cw_user_<websiteToken>` holds the digest of (avatar_url, email, name, identifier_hash,
//   identifier); otherwise it posts `set-user` {identifier, user} to the widget and sets that
//   cookie (365 days, SameSite=Lax, domain baseDomain).
// - The widget sends each `set-user` to the server, which checks identifier_hash as Chatwoot
//   does on an inbox that enforces identity validation (HMAC-SHA256 of the identifier under
//   the inbox's secret, lowercase hex; a missing identifier or hash is refused) and keeps the
//   identity on the conversation, so it survives page loads. A refusal comes back as the
//   widget's `error` message: the SDK dispatches `chatwoot:error` with
//   `{error: "HMAC failed: ..."}` and removes the `cw_user_*` cookie.
// - `reset()` removes `cw_conversation` and `cw_user_<token>` and points the iframe at a fresh
//   widget URL: the new conversation's `loaded` arrives later, and `chatwoot:ready` never
//   fires again on that document.
// - On `turbo:before-render` (not a morph) the SDK moves its elements into the new body; the
//   browser reloads the moved iframe (with the URL it was created with), which repeats the
//   `loaded` sequence above.
//
// What the page asked of the SDK is in `window.__chatwoot_calls` (`{method, json, at}`: run,
// setUser, reset, and `ready-dispatched` after every chatwoot:ready listener has run); what
// the SDK did on its own is in `window.__chatwoot_sdk_log` (`{event, json, at}`); `at` orders
// the two (`frame-created`, `frame-reloading` and `loaded` tell whether the widget is loaded).
// What reached the widget's server is in `stub.conversation(token)`.

const http = require('node:http');
const crypto = require('node:crypto');

const SDK_PATH = '/packs/js/sdk.js';
const WIDGET_PATH = '/widget';
const SET_USER_PATH = '/api/v1/widget/contact/set_user';
const HMAC_FAILED = 'HMAC failed: Invalid Identifier Hash Provided';

// Runs in the page, as sdk.js.
function sdkSource() {
  const w = window;
  const seq = () => (w.__chatwoot_seq = (w.__chatwoot_seq || 0) + 1);
  const calls = (w.__chatwoot_calls = w.__chatwoot_calls || []);
  const log = (w.__chatwoot_sdk_log = w.__chatwoot_sdk_log || []);
  const record = (method, args) => calls.push({ method, json: JSON.stringify(args), at: seq() });
  const note = (event, detail) =>
    log.push({ event, json: JSON.stringify(detail === undefined ? null : detail), at: seq() });
  // Whether <body> existed yet: the check of a snippet in <head> needs the SDK to come first.
  note('sdk-evaluated', { body: Boolean(document.body) });

  // js-cookie's defaults: path=/, values URI-encoded.
  const cookies = {
    get(name) {
      for (const part of document.cookie ? document.cookie.split('; ') : []) {
        const at = part.indexOf('=');
        if (part.slice(0, at) === name) return decodeURIComponent(part.slice(at + 1));
      }
      return undefined;
    },
    set(name, value, { expires, domain } = {}) {
      const date = new Date(Date.now() + expires * 864e5).toUTCString();
      document.cookie =
        `${name}=${encodeURIComponent(value)}; expires=${date}; path=/; SameSite=Lax` +
        (domain ? `; domain=${domain}` : '');
    },
    remove(name) {
      document.cookie = `${name}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/`;
    },
  };

  // The SDK keeps a digest of these fields; any other field (a phone number, a custom
  // attribute) can change without setUser sending anything.
  function userDigest(identifier, user) {
    const text =
      ['avatar_url', 'email', 'name', 'identifier_hash'].reduce((acc, key) => `${acc}${key}${user[key] || ''}`, '') +
      `identifier${identifier}`;
    let a = 0x811c9dc5;
    let b = 0x050c5d1f;
    for (const byte of new TextEncoder().encode(text)) {
      a = Math.imul(a ^ byte, 0x01000193);
      b = Math.imul(b ^ byte, 0x01000193);
    }
    return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
  }

  const frameUrl = ({ baseUrl, websiteToken }) => `${baseUrl}/widget?website_token=${websiteToken}`;
  const getAppFrame = () => document.getElementById('chatwoot_live_chat_widget');
  const userCookieName = () => `cw_user_${w.$chatwoot.websiteToken}`;

  function sendMessage(key, value) {
    if (key === 'set-user') note('set-user-posted', value);
    getAppFrame().contentWindow.postMessage(`chatwoot-widget:${JSON.stringify({ event: key, ...value })}`, '*');
  }

  const events = {
    loaded(message) {
      cookies.set('cw_conversation', message.config.authToken, { expires: 365 });
      w.$chatwoot.hasLoaded = true;
      note('loaded', { authToken: message.config.authToken });
      if (w.$chatwoot.user) {
        // As the SDK does: the stored user, without the identifier, which the widget refuses.
        note('set-user-reposted');
        sendMessage('set-user', w.$chatwoot.user);
      }
      if (!w.$chatwoot.resetTriggered) {
        w.dispatchEvent(new CustomEvent('chatwoot:ready'));
        // Listeners run synchronously inside dispatchEvent: after this, any setUser has happened.
        record('ready-dispatched', []);
      }
    },
    error({ errorType, data }) {
      w.dispatchEvent(new CustomEvent('chatwoot:error', { detail: data }));
      note('error-dispatched', data);
      if (errorType === 'SET_USER_ERROR') cookies.remove(userCookieName());
    },
  };

  function onMessage(event) {
    if (typeof event.data !== 'string' || event.data.indexOf('chatwoot-widget:') !== 0) return;
    const message = JSON.parse(event.data.replace('chatwoot-widget:', ''));
    if (typeof events[message.event] === 'function') events[message.event](message);
  }

  function restoreWidgetInDOM(newBody) {
    for (const id of ['cw-bubble-holder', 'cw-widget-holder', 'cw-widget-styles']) {
      const element = document.getElementById(id);
      if (element && !newBody.querySelector(`#${id}`)) newBody.appendChild(element);
    }
    // The browser reloads an iframe that is moved: its `loaded` follows.
    if (getAppFrame()) note('frame-reloading', { reason: 'turbo:before-render' });
  }

  function createFrame({ baseUrl, websiteToken }) {
    if (getAppFrame()) return;
    const css = document.createElement('style');
    css.id = 'cw-widget-styles';
    css.dataset.turboPermanent = 'true';
    css.textContent = '#cw-widget-holder iframe { border: 0; width: 1px; height: 1px; }';
    document.body.appendChild(css); // as the real loadCSS(): a TypeError while there is no <body>
    const iframe = document.createElement('iframe');
    const conversation = cookies.get('cw_conversation');
    iframe.src = frameUrl({ baseUrl, websiteToken }) + (conversation ? `&cw_conversation=${conversation}` : '');
    iframe.id = 'chatwoot_live_chat_widget';
    const holder = document.createElement('div');
    holder.id = 'cw-widget-holder';
    holder.dataset.turboPermanent = 'true';
    holder.appendChild(iframe);
    document.body.appendChild(holder);
    w.onmessage = onMessage;
    note('frame-created', { src: iframe.src });
  }

  function run(options) {
    // The settings the widget would read, as they are when run() is called.
    record('run', [options, w.chatwootSettings === undefined ? null : w.chatwootSettings]);
    if (w.$chatwoot) {
      note('run-returned-early');
      return;
    }
    const { baseUrl, websiteToken } = options;
    document.addEventListener('turbo:before-render', (event) => {
      if (event.detail.renderMethod === 'morph') return;
      restoreWidgetInDOM(event.detail.newBody);
    });
    const settings = w.chatwootSettings || {};
    w.$chatwoot = {
      baseUrl,
      baseDomain: settings.baseDomain,
      websiteToken,
      hasLoaded: false,
      resetTriggered: false,
      setUser(identifier, user) {
        record('setUser', [identifier, user]);
        if (typeof identifier !== 'string' && typeof identifier !== 'number') {
          throw new Error('Identifier should be a string or a number');
        }
        if (!user || !(user.avatar_url || user.email || user.name)) {
          throw new Error('User object should have one of the keys [avatar_url, email, name]');
        }
        const digest = userDigest(identifier, user);
        if (cookies.get(userCookieName()) === digest) {
          note('set-user-deduplicated', { identifier });
          return;
        }
        w.$chatwoot.identifier = identifier;
        w.$chatwoot.user = user;
        sendMessage('set-user', { identifier, user });
        cookies.set(userCookieName(), digest, { expires: 365, domain: w.$chatwoot.baseDomain });
      },
      reset() {
        record('reset', []);
        cookies.remove('cw_conversation');
        cookies.remove(userCookieName());
        getAppFrame().src = frameUrl(w.$chatwoot);
        w.$chatwoot.resetTriggered = true;
        note('frame-reloading', { reason: 'reset' });
      },
    };
    createFrame({ baseUrl, websiteToken });
  }

  w.chatwootSDK = { run };
}

// Runs in the widget iframe. The server rendered its conversation token into the page, as
// Chatwoot's widgets#show does; messages that arrive before it has loaded are lost.
function widgetSource(authToken, websiteToken) {
  const post = (message) => window.parent.postMessage(`chatwoot-widget:${JSON.stringify(message)}`, '*');
  let queue = Promise.resolve();
  window.addEventListener('message', (event) => {
    if (event.source !== window.parent || typeof event.data !== 'string') return;
    if (event.data.indexOf('chatwoot-widget:') !== 0) return;
    const message = JSON.parse(event.data.slice('chatwoot-widget:'.length));
    if (message.event !== 'set-user') return;
    queue = queue.then(async () => {
      const response = await fetch('/api/v1/widget/contact/set_user', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ website_token: websiteToken, auth_token: authToken, message }),
      });
      const body = await response.json();
      if (response.status !== 200) post({ event: 'error', errorType: 'SET_USER_ERROR', data: { error: body.error } });
    });
  });
  post({ event: 'loaded', config: { authToken, channelConfig: { widgetColor: '#1f93ff' } } });
}

/**
 * Starts the stub on 127.0.0.1 (a free port). `hmacSecret` is the inbox's secret, with which
 * the server checks every identifier_hash the widget sends. `requests` lists every URL fetched;
 * `conversation(token)` is what the server holds for one conversation (a copy): `identity`
 * (the verified identifier and user, or null), `identifiers` (every identifier that was ever
 * verified on it) and `received` (every set-user the widget sent, with the verdict).
 */
function startSdkStub({ hmacSecret } = {}) {
  if (!hmacSecret) throw new Error('startSdkStub needs the inbox hmacSecret');
  const sdkBody = `(${sdkSource.toString()})();\n`;
  const requests = [];
  const conversations = new Map();
  let activity = 0;
  let inflight = 0;

  function conversationFor(websiteToken, token) {
    const known = conversations.get(token);
    if (known && known.websiteToken === websiteToken) return known;
    const created = {
      token: crypto.randomBytes(12).toString('hex'),
      websiteToken,
      identity: null,
      identifiers: [],
      received: [],
    };
    conversations.set(created.token, created);
    return created;
  }

  // Chatwoot's check on an inbox that enforces identity validation.
  function setUser({ website_token: websiteToken, auth_token: authToken, message }) {
    const conversation = conversations.get(authToken);
    if (!conversation || conversation.websiteToken !== websiteToken) return [401, { error: 'unknown conversation' }];
    const { identifier, user: wrapped, ...spread } = message;
    delete spread.event;
    const user = wrapped || spread; // the SDK's re-post spreads the user into the message
    const hash = user.identifier_hash;
    const expected =
      identifier === undefined || identifier === null || identifier === ''
        ? null
        : crypto.createHmac('sha256', hmacSecret).update(String(identifier), 'utf8').digest('hex');
    const accepted = typeof hash === 'string' && expected !== null && hash === expected;
    conversation.received.push({ message, accepted });
    if (!accepted) return [401, { error: HMAC_FAILED }];
    conversation.identity = { identifier: String(identifier), user };
    if (!conversation.identifiers.includes(String(identifier))) conversation.identifiers.push(String(identifier));
    return [200, { id: conversation.token }];
  }

  const server = http.createServer((req, res) => {
    activity += 1;
    requests.push(req.url);
    const url = new URL(req.url, 'http://127.0.0.1');
    const noStore = { 'Cache-Control': 'no-store' };
    if (req.method === 'GET' && url.pathname === SDK_PATH) {
      res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8', ...noStore });
      res.end(sdkBody);
    } else if (req.method === 'GET' && url.pathname === WIDGET_PATH) {
      const websiteToken = url.searchParams.get('website_token') || '';
      const conversation = conversationFor(websiteToken, url.searchParams.get('cw_conversation'));
      const args = JSON.stringify([conversation.token, websiteToken]).replace(/</g, '\\u003c');
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', ...noStore });
      res.end(
        `<!doctype html><html><head><meta charset="utf-8"><title>widget</title></head><body>` +
          `<script>(${widgetSource.toString()}).apply(null, ${args});</script></body></html>`,
      );
    } else if (req.method === 'POST' && url.pathname === SET_USER_PATH) {
      inflight += 1;
      const chunks = [];
      req.on('data', (chunk) => chunks.push(chunk));
      req.on('end', () => {
        let status;
        let body;
        try {
          [status, body] = setUser(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        } catch (err) {
          [status, body] = [400, { error: String(err.message) }];
        }
        activity += 1;
        inflight -= 1;
        res.writeHead(status, { 'Content-Type': 'application/json', ...noStore });
        res.end(JSON.stringify(body));
      });
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
        /** Counts requests started and answered: unchanged means the widget's server is idle. */
        activity: () => activity,
        /** set-user requests the widget sent that the server has not answered yet. */
        inflight: () => inflight,
        conversation: (token) => {
          const found = conversations.get(token);
          return found ? structuredClone(found) : null;
        },
        close: () =>
          new Promise((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

module.exports = { startSdkStub, SDK_PATH, WIDGET_PATH, HMAC_FAILED };
