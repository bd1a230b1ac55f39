'use strict';
// One visitor's browser in the Next.js app: anonymous -> log in as alice -> log in as bob ->
// log out, all on one document (server actions and router.refresh(), no reload), against the
// Chatwoot stub of tests/browser. Every check is run, each on its own, and the names of those
// that failed are returned with why, so a flawed variant of the app can show which it fails.

const assert = require('node:assert/strict');
const crypto = require('node:crypto');

const { SECRET, WEBSITE_TOKEN } = require('../../browser/support/checks');
const { newVisitor } = require('../../browser/support/session-visitor');
const users = require('../app/users.json');

const USER_COOKIE = `cw_user_${WEBSITE_TOKEN}`;

/** setUser's second argument for a user of app/users.json, its hash computed by node:crypto. */
function expectedAttributes({ identifier, name, email, phoneNumber, customAttributes }) {
  const attributes = { name, email };
  if (phoneNumber) attributes.phone_number = phoneNumber;
  if (customAttributes) attributes.custom_attributes = customAttributes;
  attributes.identifier_hash = crypto.createHmac('sha256', SECRET).update(identifier, 'utf8').digest('hex');
  return attributes;
}

const count = (state, method) => state.calls.filter((call) => call.method === method).length;

function assertIdentified(state, user) {
  assert.ok(state.conversation, 'the widget has no conversation');
  const { identity } = state.conversation;
  assert.ok(identity, `the widget holds no user; it was sent ${JSON.stringify(state.conversation.received)}`);
  assert.equal(identity.identifier, user.identifier, 'the widget holds another user');
  // The stub's server accepted it as Chatwoot does: the hash is HMAC-SHA256 under the secret.
  assert.deepStrictEqual(identity.user, expectedAttributes(user), 'the widget holds other fields');
}

function assertNobody(state, earlier) {
  assert.ok(state.conversation, 'the widget has no conversation');
  for (const previous of earlier) {
    assert.notEqual(state.conversationToken, previous.conversationToken, `the widget kept ${previous.who}'s conversation`);
  }
  assert.equal(state.conversation.identity, null, 'the widget still holds a user');
  assert.deepEqual(state.conversation.identifiers, [], 'the conversation held a user');
  assert.equal(state.cookies[USER_COOKIE], undefined, `the ${USER_COOKIE} cookie is still set`);
}

/** The checks, in order; each takes what the session recorded. */
const CHECKS = {
  anonymous: ({ start }) => {
    assert.equal(start.who, 'anonymous');
    assert.equal(count(start, 'run'), 1, 'chatwootSDK.run() calls');
    assert.deepEqual(start.calls.find((call) => call.method === 'run').args[0], { websiteToken: WEBSITE_TOKEN, baseUrl: start.baseUrl });
    assert.equal(count(start, 'setUser'), 0, 'setUser calls');
    assert.equal(start.conversation?.identity, null, 'the widget holds a user');
  },
  'log in as alice': ({ alice }) => assertIdentified(alice, users.alice),
  'switch to bob without a reload: bob, alice gone': ({ alice, bob }) => {
    assertIdentified(bob, users.bob);
    assert.notEqual(bob.conversationToken, alice.conversationToken, "bob's widget kept alice's conversation");
    assert.deepEqual(bob.conversation.identifiers, [users.bob.identifier], 'the conversation held another user');
  },
  'log out without a reload: nobody': ({ alice, bob, end }) => assertNobody(end, [alice, bob]),
  'the SDK loaded once, run() once': ({ end, sdkRequests }) => {
    assert.equal(sdkRequests, 1, 'sdk.js fetched');
    assert.equal(count(end, 'run'), 1, 'chatwootSDK.run() calls');
  },
  "the SDK's script carries the page's CSP nonce": ({ nonce, sdkScripts }) => {
    assert.match(nonce, /^[A-Za-z0-9+/=]+$/, 'the response has a nonce-based CSP');
    assert.deepEqual(sdkScripts, [nonce], "the nonces of the SDK's script elements");
  },
  'one document throughout': ({ end }) => assert.equal(end.documentId, 'first', 'the page was reloaded'),
  'clean: no error, no request off loopback, no secret': ({ visitor, end }) => {
    const { seen } = visitor;
    assert.deepEqual(seen.pageErrors, [], 'uncaught errors on the page');
    assert.deepEqual(seen.dialogs, [], 'dialogs opened');
    assert.deepEqual(seen.offsite, [], 'requests left 127.0.0.1');
    assert.deepEqual(seen.console.filter((m) => !m.widget && m.type === 'error'), [], 'console errors of the page');
    for (const state of visitor.snapshots) assert.ok(!state.html.includes(SECRET), 'the secret is in the page');
    assert.ok(!JSON.stringify(end.cookies).includes(SECRET), 'the secret is in a cookie');
  },
};

/**
 * Runs the session on the app at `origin`; returns `{ failures: {check: message} }` (empty when
 * every check passed). `app.origin` is what the visitor reads cookies for.
 */
async function runSession({ browser, stub, origin }) {
  const visitor = await newVisitor({ browser, stub, app: { origin } });
  const recorded = { visitor };
  const failures = {};
  const documents = [];
  visitor.page.on('response', (response) => {
    if (response.url() === `${origin}/`) documents.push(response);
  });
  try {
    recorded.start = await visitor.load(`${origin}/`);
    recorded.start.baseUrl = stub.baseUrl;
    const csp = (await documents[0].allHeaders())['content-security-policy'] ?? '';
    recorded.nonce = /'nonce-([^']+)'/.exec(csp)?.[1] ?? '';
    await visitor.page.evaluate(() => {
      window.__session_document_id = 'first';
    });
    recorded.alice = await visitor.follow('alice');
    recorded.bob = await visitor.follow('bob');
    recorded.end = await visitor.follow('anonymous');
    recorded.sdkRequests = visitor.sdkRequests();
    recorded.sdkScripts = await visitor.page.evaluate(() =>
      [...document.querySelectorAll('script')].filter((s) => /\/packs\/js\/sdk\.js$/.test(s.src)).map((s) => s.nonce),
    );
  } catch (err) {
    failures.session = err.message;
  } finally {
    await visitor.close();
  }
  if (!failures.session) {
    for (const [name, check] of Object.entries(CHECKS)) {
      try {
        check(recorded);
      } catch (err) {
        failures[name] = err.message;
      }
    }
  }
  return { failures };
}

module.exports = { runSession, CHECKS };
