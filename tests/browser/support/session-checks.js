'use strict';
// The widget across a session: one visitor's browser (a browser context) goes from page to
// page of the session app, as different users in turn, and the checks look at what reached
// Chatwoot's widget (the stub's server) after each step. Each check takes a context
// `{ browser, stub, app }` (app: support/session-app.js) and throws when it fails.
// test/session.test.js runs them on the core's snippet; test/session-harness.test.js shows
// that each one fails on deliberately flawed snippets.

const assert = require('node:assert/strict');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const { SECRET, WEBSITE_TOKEN, expectedAttributes, coreVerifies } = require('./checks');
const { CLI } = require('./page-sources');
const { HMAC_FAILED } = require('./sdk-stub');
const { SESSION_USERS, OTHER_INBOX_SECRET } = require('./session-app');
const { newVisitor } = require('./session-visitor');

const ALICE = SESSION_USERS.alice;
const ALICE_NEW_PHONE = SESSION_USERS['alice-new-phone'];
const BOB = SESSION_USERS.bob;
const CAROL = SESSION_USERS.carol;
const USER_COOKIE = `cw_user_${WEBSITE_TOKEN}`;

// The settings this release added, as the host passes them and as the widget must read them.
const NEW_SETTINGS = {
  widget_style: 'flat',
  dark_mode: 'dark',
  welcome_title: 'Hi </script><script>window.__trap()</script>',
  welcome_description: 'We answer within a day',
  available_message: 'We are online',
  unavailable_message: 'We are away',
  enable_file_upload: false,
  enable_emoji_picker: false,
  enable_end_conversation: false,
};
const NEW_SETTINGS_IN_THE_WIDGET = {
  widgetStyle: 'flat',
  darkMode: 'dark',
  welcomeTitle: 'Hi </script><script>window.__trap()</script>',
  welcomeDescription: 'We answer within a day',
  availableMessage: 'We are online',
  unavailableMessage: 'We are away',
  enableFileUpload: false,
  enableEmojiPicker: false,
  enableEndConversation: false,
};

const count = (calls, method) => calls.filter((call) => call.method === method).length;

/** The widget's conversation holds `user`, verified, with exactly its fields. */
function assertIdentified(state, user, step) {
  assert.ok(state.conversation, `${step}: the widget has no conversation (no cw_conversation cookie)`);
  const { identity } = state.conversation;
  assert.ok(identity, `${step}: the widget holds no user; it was sent ${JSON.stringify(state.conversation.received)}`);
  assert.equal(identity.identifier, user.identifier, `${step}: the widget holds another user`);
  assert.ok(
    coreVerifies(identity.identifier, identity.user.identifier_hash),
    `${step}: the core does not verify the identifier_hash`,
  );
  assert.deepStrictEqual(identity.user, expectedAttributes(user), `${step}: the widget holds other fields`);
}

/** The widget holds nobody, on a conversation that never held anybody, and no cw_user cookie. */
function assertNobody(state, step, earlier) {
  assert.ok(state.conversation, `${step}: the widget has no conversation (no cw_conversation cookie)`);
  for (const previous of earlier) {
    assert.notEqual(state.conversationToken, previous.conversationToken, `${step}: the widget kept ${previous.who}'s conversation`);
  }
  assert.equal(state.conversation.identity, null, `${step}: the widget still holds a user`);
  assert.deepEqual(state.conversation.identifiers, [], `${step}: the conversation held a user`);
  assert.equal(state.cookies[USER_COOKIE], undefined, `${step}: the ${USER_COOKIE} cookie is still set`);
}

/** Every text the visitor's browser saw or sent. */
function everythingSeen(ctx, visitor) {
  const tokens = new Set(visitor.snapshots.map((s) => s.conversationToken).filter(Boolean));
  return [
    ...ctx.app.served,
    ...visitor.seen.console.map((m) => m.text),
    ...visitor.snapshots.flatMap((s) => [s.html, s.storage, JSON.stringify(s.cookies), JSON.stringify(s.calls),
      JSON.stringify(s.log), ...s.messages]),
    ...[...tokens].map((token) => JSON.stringify(ctx.stub.conversation(token))),
  ];
}

/** No error, dialog, console message of the page or request off loopback; no secret anywhere. */
function assertClean(ctx, visitor, { console: expectedConsole = [] } = {}) {
  const { seen } = visitor;
  assert.deepEqual(seen.pageErrors, [], 'uncaught errors on the page');
  assert.deepEqual(seen.dialogs, [], 'dialogs opened');
  assert.deepEqual(seen.offsite, [], 'requests left 127.0.0.1');
  for (const secret of [SECRET, OTHER_INBOX_SECRET]) {
    const found = everythingSeen(ctx, visitor).find((text) => text.includes(secret));
    assert.equal(found, undefined, 'the HMAC secret is in the page, the console or a message');
  }
  // The page's own console; the widget's has the browser's 'Failed to load resource' for a refusal.
  const pageConsole = seen.console.filter((m) => !m.widget).map((m) => m.text);
  assert.deepEqual(pageConsole, expectedConsole, 'console messages of the page');
}

async function withVisitor(ctx, body) {
  const visitor = await newVisitor(ctx);
  try {
    await body(visitor);
  } finally {
    await visitor.close();
  }
}

const SESSION_CHECKS = [
  {
    title: 'log in, log out: the anonymous page holds no user and no conversation',
    async run(ctx) {
      await withVisitor(ctx, async (visitor) => {
        const alice = await visitor.load(ctx.app.url('/as/alice'));
        assertIdentified(alice, ALICE, 'as alice');
        const loggedOut = await visitor.load(ctx.app.url('/anonymous'));
        assert.equal(count(loggedOut.calls, 'reset'), 1, 'reset() calls on the first anonymous page');
        assertNobody(loggedOut, 'logged out', [alice]);
        assert.equal(ctx.stub.conversation(alice.conversationToken).identity.identifier, ALICE.identifier);
        // An anonymous visitor keeps the conversation of their own from page to page.
        const again = await visitor.load(ctx.app.url('/anonymous'));
        assert.equal(count(again.calls, 'reset'), 0, 'reset() calls on the next anonymous page');
        assert.equal(again.conversationToken, loggedOut.conversationToken, 'the anonymous conversation was kept');
        assertNobody(again, 'anonymous again', [alice]);
        assertClean(ctx, visitor);
      });
    },
  },
  {
    title: "another user: reset() before setUser, the new identity verified, the old conversation gone",
    async run(ctx) {
      await withVisitor(ctx, async (visitor) => {
        const alice = await visitor.load(ctx.app.url('/as/alice', { debug: true }));
        assertIdentified(alice, ALICE, 'as alice');
        const bob = await visitor.load(ctx.app.url('/as/bob', { debug: true }));
        assertIdentified(bob, BOB, 'as bob');
        assert.notEqual(bob.conversationToken, alice.conversationToken, "bob's widget kept alice's conversation");
        assert.deepEqual(bob.conversation.identifiers, [BOB.identifier], 'the conversation held another user');
        const resetAt = bob.calls.findIndex((call) => call.method === 'reset');
        const setUserAt = bob.calls.findIndex((call) => call.method === 'setUser');
        assert.ok(resetAt !== -1 && resetAt < setUserAt, `reset() before setUser: ${bob.calls.map((c) => c.method)}`);
        assert.equal(count(bob.calls, 'reset'), 1, 'reset() calls');
        // The new conversation got bob once, whole, and nothing it refused.
        assert.deepEqual(
          bob.conversation.received.map((r) => [r.message.identifier ?? null, r.accepted]),
          [[BOB.identifier, true]],
          "set-user messages bob's conversation received",
        );
        // With debug on, no false alarm: the identity was right all along.
        assertClean(ctx, visitor);
      });
    },
  },
  {
    title: 'the same user from page to page keeps one conversation, sent once; a changed phone number is sent',
    async run(ctx) {
      await withVisitor(ctx, async (visitor) => {
        const first = await visitor.load(ctx.app.url('/as/alice'));
        assertIdentified(first, ALICE, 'first page');
        const second = await visitor.load(ctx.app.url('/as/alice'));
        assertIdentified(second, ALICE, 'second page');
        assert.equal(second.conversationToken, first.conversationToken, 'second page: the conversation was kept');
        assert.equal(count(second.calls, 'reset'), 0, 'second page: reset() calls');
        const received = second.conversation.received;
        assert.equal(received.length, 1, `set-user messages the widget received by the second page: ${JSON.stringify(received)}`);
        // Only the phone number changed, which the SDK's cookie does not cover.
        const after = await visitor.load(ctx.app.url('/as/alice-new-phone'));
        assertIdentified(after, ALICE_NEW_PHONE, 'with the new phone number');
        assert.equal(after.conversationToken, first.conversationToken, 'the conversation was kept');
        assert.equal(count(after.calls, 'reset'), 0, 'reset() calls');
        assertClean(ctx, visitor);
      });
    },
  },
  {
    title: 'Turbo Drive anonymous -> alice -> bob -> anonymous: one SDK, one run(), the right user at each step',
    async run(ctx) {
      await withVisitor(ctx, async (visitor) => {
        const options = { turbo: true, debug: true };
        const start = await visitor.load(ctx.app.url('/anonymous', options));
        assert.equal(start.conversation?.identity, null, 'anonymous: the widget holds a user');
        await visitor.page.evaluate(() => {
          window.__session_document_id = 'first';
        });
        const alice = await visitor.follow('alice');
        assert.deepEqual(visitor.seen.pageErrors, [], 'turbo visit as alice: uncaught errors on the page');
        assertIdentified(alice, ALICE, 'turbo visit as alice');
        const bob = await visitor.follow('bob');
        assert.deepEqual(visitor.seen.pageErrors, [], 'turbo visit as bob: uncaught errors on the page');
        assertIdentified(bob, BOB, 'turbo visit as bob');
        assert.ok(!bob.conversation.identifiers.includes(ALICE.identifier), "bob's conversation held alice");
        const end = await visitor.follow('anonymous');
        assertNobody(end, 'turbo visit logged out', [alice, bob]);
        // The session really was one document, and the SDK's hazard really happened: after a
        // widget reload it re-posted its user without the identifier, and the widget refused it.
        assert.equal(end.documentId, 'first', 'every visit was a Turbo visit of one document');
        const refused = [alice, bob, end]
          .flatMap((s) => s.conversation.received)
          .filter((r) => !r.accepted && r.message.identifier === undefined);
        assert.ok(refused.length > 0, 'the SDK re-posted a user without its identifier (the stub models Turbo)');
        assert.equal(visitor.sdkRequests(), 1, 'sdk.js fetched once');
        assert.equal(count(end.calls, 'run'), 1, 'chatwootSDK.run() calls');
        // With debug on, no false alarm from the SDK's identifier-less re-posts.
        assertClean(ctx, visitor);
      });
    },
  },
  {
    title: 'Turbo Drive from a signed-in page to a logged-out one: the widget forgets the user',
    async run(ctx) {
      await withVisitor(ctx, async (visitor) => {
        // The second page creates the iframe for alice's conversation (the first page made the
        // cw_conversation cookie), and every Turbo visit reloads that URL.
        await visitor.load(ctx.app.url('/as/alice', { turbo: true, debug: true }));
        const alice = await visitor.load(ctx.app.url('/as/alice', { turbo: true, debug: true }));
        assertIdentified(alice, ALICE, 'as alice');
        const src = alice.log.find((entry) => entry.event === 'frame-created')?.detail.src ?? '';
        assert.ok(src.endsWith(`&cw_conversation=${alice.conversationToken}`), `the iframe is alice's: ${src}`);
        const end = await visitor.follow('anonymous');
        assertNobody(end, 'turbo visit logged out', [alice]);
        assert.equal(count(end.calls, 'reset'), 1, 'reset() calls');
        assertClean(ctx, visitor);
      });
    },
  },
  {
    title: 'the snippet in <head> before a slow script still identifies',
    async run(ctx) {
      await withVisitor(ctx, async (visitor) => {
        const alice = await visitor.load(ctx.app.url('/as/alice', { head: true }));
        assert.deepEqual(visitor.seen.pageErrors, [], 'uncaught errors on the page');
        const evaluated = alice.log.find((entry) => entry.event === 'sdk-evaluated');
        assert.deepEqual(evaluated?.detail, { body: false }, 'the SDK ran before <body> existed');
        assertIdentified(alice, ALICE, 'snippet in <head>');
        assertClean(ctx, visitor);
      });
    },
  },
  {
    title: 'each new setting is in window.chatwootSettings when run() is called',
    async run(ctx) {
      await withVisitor(ctx, async (visitor) => {
        const alice = await visitor.load(ctx.app.url('/as/alice', { settings: NEW_SETTINGS }));
        const runs = alice.calls.filter((call) => call.method === 'run');
        assert.equal(runs.length, 1, 'chatwootSDK.run() calls');
        const settings = runs[0].args[1] ?? {};
        for (const [key, value] of Object.entries(NEW_SETTINGS_IN_THE_WIDGET)) {
          assert.deepStrictEqual(settings[key], value, `chatwootSettings.${key} when run() was called`);
        }
        assert.deepStrictEqual(settings, NEW_SETTINGS_IN_THE_WIDGET, 'window.chatwootSettings');
        assertIdentified(alice, ALICE, 'with settings');
        assert.deepEqual(await visitor.page.evaluate(() => window.__trap_calls), [], 'window.__trap() was called');
        assertClean(ctx, visitor);
      });
    },
  },
  {
    title: 'debug: a refused identity is explained once in the console, without the secret; nothing without debug',
    async run(ctx) {
      await withVisitor(ctx, async (visitor) => {
        const carol = await visitor.load(ctx.app.url('/as/carol', { debug: true }));
        const errors = carol.log.filter((entry) => entry.event === 'error-dispatched');
        assert.deepEqual(errors.map((e) => e.detail), [{ error: HMAC_FAILED }], 'chatwoot:error events');
        const messages = visitor.seen.console.filter((m) => !m.widget);
        assert.equal(messages.length, 1, `one console message with debug on: ${JSON.stringify(messages)}`);
        const [{ type, text }] = messages;
        assert.equal(type, 'error');
        assert.ok(text.includes(JSON.stringify(CAROL.identifier)), `the message names the identifier: ${text}`);
        assert.ok(text.includes(HMAC_FAILED), `the message quotes Chatwoot's error: ${text}`);
        assert.match(text, /Likely causes: .*another inbox.*website token.*another identifier/s);
        // The command it prints runs as printed (the identifier has an apostrophe) and, with the
        // inbox's secret, says why: the hash is not this inbox's for this identifier.
        const command = /^\s*(chatwoot-identity diagnose .*)$/m.exec(text)?.[1];
        assert.ok(command, `the message has the diagnose command: ${text}`);
        const sentHash = carol.conversation.received[0].message.user.identifier_hash;
        assert.ok(command.endsWith(` ${sentHash}`), `the command names the hash sent: ${command}`);
        const diagnosed = spawnSync('sh', ['-c', command], {
          env: { PATH: `${path.dirname(CLI)}:/usr/bin:/bin`, CHATWOOT_HMAC_SECRET: SECRET },
          encoding: 'utf8',
        });
        assert.equal(diagnosed.status, 1, `the diagnose command: ${diagnosed.stderr}${diagnosed.stdout}`);
        assert.match(diagnosed.stdout, /^not verified/, 'the diagnose command');
        assertClean(ctx, visitor, { console: [text] });
      });
      // After a Turbo visit from another user, among the refusals of the SDK's re-posts: once.
      await withVisitor(ctx, async (visitor) => {
        await visitor.load(ctx.app.url('/as/alice', { turbo: true, debug: true }));
        const carol = await visitor.follow('carol');
        assert.equal(carol.conversation.identity, null, 'the widget holds a user');
        const explained = visitor.seen.console.filter((m) => !m.widget).map((m) => m.text);
        assert.equal(explained.length, 1, `one console message after a Turbo visit: ${JSON.stringify(explained)}`);
        assert.ok(explained[0].includes(JSON.stringify(CAROL.identifier)), `the message names carol: ${explained[0]}`);
        assertClean(ctx, visitor, { console: explained });
      });
      await withVisitor(ctx, async (visitor) => {
        const carol = await visitor.load(ctx.app.url('/as/carol'));
        const errors = carol.log.filter((entry) => entry.event === 'error-dispatched');
        assert.equal(errors.length, 1, 'chatwoot:error events without debug');
        assertClean(ctx, visitor, { console: [] });
      });
    },
  },
];

module.exports = { SESSION_CHECKS, NEW_SETTINGS, NEW_SETTINGS_IN_THE_WIDGET };
