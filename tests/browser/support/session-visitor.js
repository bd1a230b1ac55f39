'use strict';
// One visitor's browser for the session checks: a browser context (its own cookies and
// storage) and one tab in it, going from page to page of the session app, by full page loads
// or by following links (Turbo Drive visits on Turbo pages). After each step it waits for
// the widget to settle and takes a snapshot of what the page, its cookies and the widget's
// server hold.

const assert = require('node:assert/strict');
const { setTimeout: sleep } = require('node:timers/promises');

const { openWatchedTab } = require('./pages');
const { SDK_PATH } = require('./sdk-stub');

// Every message the window receives (in the page: the widget's; in the widget: the page's).
function recordMessages() {
  window.__messages_received = [];
  window.addEventListener(
    'message',
    (event) => {
      window.__messages_received.push(typeof event.data === 'string' ? event.data : JSON.stringify(event.data));
    },
    true,
  );
}

const QUIET_MS = 400;
const SETTLE_TIMEOUT_MS = 20_000;

async function newVisitor({ browser, stub, app }) {
  const { context, page, seen } = await openWatchedTab(browser, { initScripts: [recordMessages] });
  seen.console = [];
  // Every console message of the page and of its frames, of every type; `widget` when it comes
  // from the widget's origin (the browser's own 'Failed to load resource' for a refused hash).
  page.on('console', (message) => {
    const widget = (message.location().url || '').startsWith(stub.baseUrl);
    seen.console.push({ type: message.type(), text: message.text(), widget });
  });
  const sdkRequestsAtStart = stub.requests.filter((url) => url === SDK_PATH).length;

  /**
   * Waits until the widget has loaded since the frame was last created or reloaded, the
   * widget's server has answered every set-user, and nothing has changed for QUIET_MS.
   * Returns early once the page has thrown (the check then says so).
   */
  async function settle() {
    const deadline = Date.now() + SETTLE_TIMEOUT_MS;
    let last = null;
    let since = Date.now();
    for (;;) {
      let state = null;
      try {
        state = await page.evaluate(() => {
          const log = window.__chatwoot_sdk_log || [];
          const lastAt = (...names) => log.reduce((at, entry) => (names.includes(entry.event) ? entry.at : at), 0);
          const reloadAt = lastAt('frame-created', 'frame-reloading');
          return {
            href: location.href,
            entries: log.length + (window.__chatwoot_calls || []).length,
            loaded: reloadAt > 0 && lastAt('loaded') > reloadAt,
          };
        });
      } catch (err) {
        if (!/context was destroyed|navigat/i.test(err.message)) throw err;
      }
      if (seen.pageErrors.length > 0) return;
      const key = JSON.stringify([state, stub.activity(), stub.inflight()]);
      if (key !== last) {
        last = key;
        since = Date.now();
      } else if (state && state.loaded && stub.inflight() === 0 && Date.now() - since >= QUIET_MS) {
        return;
      }
      if (Date.now() > deadline) throw new Error(`the widget did not settle within ${SETTLE_TIMEOUT_MS} ms: ${key}`);
      await sleep(25);
    }
  }

  /** What the page, its cookies and the widget's server hold now. */
  async function snapshot() {
    const inPage = await page.evaluate(() => ({
      who: document.querySelector('h1')?.textContent ?? null,
      calls: (window.__chatwoot_calls || []).map((c) => ({ method: c.method, args: JSON.parse(c.json), at: c.at })),
      log: (window.__chatwoot_sdk_log || []).map((e) => ({ event: e.event, detail: JSON.parse(e.json), at: e.at })),
      messages: (window.__messages_received || []).slice(),
      html: document.documentElement.outerHTML,
      storage: JSON.stringify([{ ...localStorage }, { ...sessionStorage }]),
      documentId: window.__session_document_id ?? null,
    }));
    const cookies = Object.fromEntries((await context.cookies(app.origin)).map((c) => [c.name, c.value]));
    const token = cookies.cw_conversation ?? null;
    return { ...inPage, cookies, conversationToken: token, conversation: token ? stub.conversation(token) : null };
  }

  const snapshots = [];
  async function settled() {
    await settle();
    const taken = await snapshot();
    snapshots.push(taken);
    return taken;
  }

  return {
    page,
    seen,
    snapshots,
    /** A full page load of `url`. */
    async load(url) {
      const response = await page.goto(url, { waitUntil: 'load' });
      assert.equal(response.status(), 200, `GET ${url}`);
      return settled();
    },
    /**
     * Clicks the link (or button) to `who`'s page and waits for that page (a Turbo visit on
     * Turbo pages, a re-render without a reload in a React app).
     */
    async follow(who) {
      await page.click(`a.to-${who}, button.to-${who}`);
      await page.waitForFunction((name) => document.querySelector('h1')?.textContent === name, who);
      return settled();
    },
    /** How often this visitor's pages fetched the SDK. */
    sdkRequests: () => stub.requests.filter((url) => url === SDK_PATH).length - sdkRequestsAtStart,
    close: () => context.close(),
  };
}

module.exports = { newVisitor };
