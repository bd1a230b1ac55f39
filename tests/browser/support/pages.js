'use strict';
// Opening a page in a fresh browser context and reading what happened in it.

const { setTimeout: sleep } = require('node:timers/promises');

/** Runs in every page before its own scripts (the page's CSP does not apply to it). */
function instrument() {
  window.__trap_calls = [];
  window.__trap = function trap() {
    window.__trap_calls.push(String(new Error('trap called').stack));
  };
  window.__csp_violations = [];
  document.addEventListener('securitypolicyviolation', (event) => {
    window.__csp_violations.push({
      directive: event.effectiveDirective,
      blockedURI: event.blockedURI,
      sample: event.sample,
    });
  });
}

/**
 * A new context of `browser` and one tab in it, as both the page checks (openPage) and the
 * session checks (support/session-visitor.js) watch it: `instrument` and then each of
 * `initScripts` run in every page; requests to any host but 127.0.0.1 are aborted and listed
 * in `seen.offsite`; the tab's uncaught errors go to `seen.pageErrors`, and its dialogs are
 * listed in `seen.dialogs` and dismissed. Each caller adds its own console listener.
 */
async function openWatchedTab(browser, { initScripts = [] } = {}) {
  const context = await browser.newContext();
  const seen = { offsite: [], pageErrors: [], dialogs: [] };
  for (const script of [instrument, ...initScripts]) await context.addInitScript(script);
  await context.route('**/*', (route) => {
    const requested = route.request().url();
    if (new URL(requested).hostname === '127.0.0.1') return route.continue();
    seen.offsite.push(requested);
    return route.abort();
  });
  const page = await context.newPage();
  page.on('pageerror', (err) => seen.pageErrors.push(err.message));
  page.on('dialog', (dialog) => {
    seen.dialogs.push(dialog.message());
    dialog.dismiss().catch(() => {});
  });
  return { context, page, seen };
}

/**
 * Loads `url` in a new watched tab of `browser` (openWatchedTab), collecting its console
 * errors in `seen.consoleErrors` too. `rewrite(route)`, when given, answers the request for
 * `url` itself.
 */
async function openPage(browser, url, { rewrite } = {}) {
  const { context, page, seen } = await openWatchedTab(browser);
  seen.consoleErrors = [];
  if (rewrite) await page.route(url, rewrite);
  page.on('console', (message) => {
    if (message.type() === 'error') seen.consoleErrors.push(message.text());
  });
  const response = await page.goto(url, { waitUntil: 'load' });
  return { context, page, response, seen };
}

/**
 * Polls `predicate` in the page until it returns something truthy, and returns that; returns
 * null as soon as `giveUp()` is true.
 */
async function waitInPage(page, predicate, what, { giveUp = () => false, timeoutMs = 15_000 } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await page.evaluate(predicate);
    if (value) return value;
    if (giveUp()) return null;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await sleep(20);
  }
}

/**
 * Waits until the stub SDK has fired chatwoot:ready and every listener of it has run. Gives up
 * at once, saying why, when the page already shows it never will: a trap call, a CSP violation
 * or an uncaught error.
 */
async function waitForWidgetReady({ page, seen }) {
  const state = await waitInPage(
    page,
    () => {
      const ready = (window.__chatwoot_calls || []).some((call) => call.method === 'ready-dispatched');
      const trapped = window.__trap_calls.length > 0;
      const blocked = window.__csp_violations.length > 0;
      return (ready || trapped || blocked) && { ready, trapped, violations: window.__csp_violations };
    },
    'the stub SDK to fire chatwoot:ready',
    { giveUp: () => seen.pageErrors.length > 0 },
  );
  if (state && state.ready) return;
  const reasons = [];
  if (state?.trapped) reasons.push('window.__trap() was called');
  if (state?.violations.length) reasons.push(`CSP violations: ${JSON.stringify(state.violations)}`);
  if (seen.pageErrors.length) reasons.push(`uncaught errors: ${seen.pageErrors.join('; ')}`);
  throw new Error(`the widget never got ready (${reasons.join('; ')})`);
}

/** The recorded SDK calls as `{ method, args }`. */
function recordedCalls(page) {
  return page.evaluate(() =>
    (window.__chatwoot_calls || []).map((call) => ({ method: call.method, args: JSON.parse(call.json) })),
  );
}

/** `value` with every string (and object key) replaced by the hex of its UTF-8 bytes. */
function utf8Hex(value) {
  if (typeof value === 'string') return Buffer.from(value, 'utf8').toString('hex');
  if (Array.isArray(value)) return value.map(utf8Hex);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [utf8Hex(key), utf8Hex(item)]));
  }
  return value;
}

/** The same transform done inside the page, on the arguments of the first setUser call. */
function setUserArgumentsAsUtf8Hex(page) {
  return page.evaluate(() => {
    const encoder = new TextEncoder();
    const hex = (text) => Array.from(encoder.encode(text), (b) => b.toString(16).padStart(2, '0')).join('');
    const walk = (value) => {
      if (typeof value === 'string') return hex(value);
      if (Array.isArray(value)) return value.map(walk);
      if (value && typeof value === 'object') {
        return Object.fromEntries(Object.entries(value).map(([key, item]) => [hex(key), walk(item)]));
      }
      return value;
    };
    const call = window.__chatwoot_calls.find((c) => c.method === 'setUser');
    return walk(JSON.parse(call.json));
  });
}

/** The page's script elements: inline ones by their text, others by src, with their nonce. */
function scriptElements(page) {
  return page.evaluate(() =>
    Array.from(document.scripts, (script) => ({
      src: script.src || null,
      inline: script.src ? null : script.textContent,
      nonce: script.nonce || null,
    })),
  );
}

module.exports = {
  openWatchedTab,
  openPage,
  waitInPage,
  waitForWidgetReady,
  recordedCalls,
  utf8Hex,
  setUserArgumentsAsUtf8Hex,
  scriptElements,
};
