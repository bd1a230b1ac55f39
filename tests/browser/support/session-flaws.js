'use strict';
// Deliberately flawed widget snippets for the session checks (test/session-harness.test.js):
// every session check must fail on `naive`, and each mutant must fail the check that guards
// against what it breaks. A check that passes on a flawed snippet is a defect in the check.
//
// - `naive`: the loader of the previous release, around the core's own config (so hashes and
//   fields are right): setUser on the first chatwoot:ready of each run, never reset(), the
//   SDK requested and run() called on every run, run() without waiting for <body>, and only
//   the settings that release knew.
// - the mutants: the core's snippet with one behaviour taken out, by replacing a piece of
//   loader.js (which must be found: a mutant that no longer applies is an error, not a pass).

// The settings the previous release wrote (darkMode without "dark"); the rest is new.
const PREVIOUS_SETTINGS = ['locale', 'useBrowserLanguage', 'position', 'type', 'launcherTitle',
  'hideMessageBubble', 'showUnreadMessagesDialog', 'showPopoutButton', 'darkMode', 'baseDomain'];

function loaderConfig(snippet) {
  const match = /^\s*var config = (.*);$/m.exec(snippet);
  if (!match) throw new Error(`no "var config = ...;" line in the snippet:\n${snippet.slice(0, 500)}`);
  return JSON.parse(match[1]);
}

function escapeForScript(json) {
  return json.replace(/[<>&'\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function naive(snippet) {
  const config = loaderConfig(snippet);
  const previous = {
    baseUrl: config.baseUrl,
    websiteToken: config.websiteToken,
    user: config.user && { identifier: config.user.identifier, attributes: config.user.attributes },
  };
  if (config.settings) {
    previous.settings = Object.fromEntries(
      Object.entries(config.settings).filter(
        ([key, value]) => PREVIOUS_SETTINGS.includes(key) && !(key === 'darkMode' && value === 'dark'),
      ),
    );
  }
  return `<script>
(function (d, t) {
  var config = ${escapeForScript(JSON.stringify(previous))};
  if (config.settings) { window.chatwootSettings = config.settings; }
  if (config.user) {
    window.addEventListener("chatwoot:ready", function () {
      window.$chatwoot.setUser(config.user.identifier, config.user.attributes);
    }, { once: true });
  }
  var g = d.createElement(t), s = d.getElementsByTagName(t)[0];
  g.src = config.baseUrl + "/packs/js/sdk.js";
  g.async = true;
  g.onload = function () {
    window.chatwootSDK.run({ websiteToken: config.websiteToken, baseUrl: config.baseUrl });
  };
  s.parentNode.insertBefore(g, s);
})(document, "script");
</script>`;
}

// mutant -> [the piece of loader.js it replaces, the replacement]
const MUTANTS = {
  // Expire the SDK's cookie on every page, so setUser sends the user on every page load.
  'resend-every-page': ['if (last !== current || state.resendAll) {', 'if (true) {'],
  // End a reset on any widget load, also the one that came before reset() was called.
  'reset-ends-early': ['if (afterReset) {', 'if (true) {'],
  // Apply the page's user at once on a Turbo visit, while the iframe is being reloaded.
  'no-turbo-wait': [
    'if (w.$chatwoot && !(event.detail && event.detail.renderMethod === "morph")) {',
    'if (false) {',
  ],
  // Explain every refusal, also those of the SDK's identifier-less re-posts.
  'explain-every-refusal': ['if (state.expectedErrors > 0) {', 'if (false) {'],
  // Explain a refused identity whether or not debug is on.
  'explain-without-debug': ['if (!state.page.debug || !user) {', 'if (!user) {'],
};

// Flaws of the page around the snippet rather than of the snippet.
const PAGE_FLAWS = {
  // The secret reaches the console without being in the page's text.
  'secret-in-console': (snippet, { secret }) =>
    `${snippet}<script>console.log(atob(${JSON.stringify(Buffer.from(secret).toString('base64'))}));</script>`,
};

const FLAWS = ['none', 'naive', ...Object.keys(MUTANTS), ...Object.keys(PAGE_FLAWS)];

/** `snippet` (the CLI's output) with `flaw` applied. */
function applyFlaw(flaw, snippet, { secret }) {
  if (flaw === 'none') return snippet;
  if (flaw === 'naive') return naive(snippet);
  if (MUTANTS[flaw]) {
    const [piece, replacement] = MUTANTS[flaw];
    const at = snippet.indexOf(piece);
    if (at === -1 || snippet.indexOf(piece, at + 1) !== -1) {
      throw new Error(`mutant ${flaw}: ${JSON.stringify(piece)} is not in loader.js exactly once`);
    }
    return snippet.replace(piece, () => replacement);
  }
  if (PAGE_FLAWS[flaw]) return PAGE_FLAWS[flaw](snippet, { secret });
  throw new Error(`unknown flaw ${JSON.stringify(flaw)}; known: ${FLAWS.join(', ')}`);
}

module.exports = { applyFlaw, FLAWS, MUTANTS, PAGE_FLAWS };
