'use strict'

// The test kit against right and deliberately wrong pages and payloads: every failure is an
// assert.AssertionError carrying the core's explanation, never the secret.
const assert = require('node:assert/strict')
const { describe, it } = require('node:test')
const { widgetScript, resetScript, setUserPayload } = require('chatwoot-identity')
const {
  assertChatwootIdentifies,
  assertChatwootAnonymous,
  assertChatwootPayloadIdentifies,
  checkChatwootIdentifies,
  readChatwootPage,
} = require('chatwoot-identity/testing')

const SECRET = 'distinctive-secret-Zq7xW3vK9p'
const OTHER = 'other-inbox-secret-Vb8Nc2Hd5Q'
const BASE = { baseUrl: 'https://chat.example.com', websiteToken: 'QrtMG8GydFgEy7bVzsLLmHoq' }
const JANE = { identifier: 'user-42', name: 'Jane', email: 'jane@example.com', customAttributes: { plan: 'pro' } }
const page = (snippets) => `<!doctype html><html><body><h1>x</h1>${snippets}</body></html>`
const signed = (user = JANE, secret = SECRET) => page(widgetScript({ ...BASE, hmacSecret: secret, user }))
const anonymous = page(widgetScript(BASE))

/** `fn` throws an AssertionError whose message matches every pattern and never holds a secret. */
function failsWith(fn, ...patterns) {
  assert.throws(fn, (error) => {
    assert.ok(error instanceof assert.AssertionError, `not an AssertionError: ${error}`)
    for (const pattern of patterns) assert.match(error.message, pattern)
    assert.ok(!error.message.includes(SECRET) && !error.message.includes(OTHER), 'the message holds a secret')
    return true
  })
}

describe('assertChatwootIdentifies', () => {
  it('passes on a page that identifies the user with a hash that verifies, and returns what it read', () => {
    const widget = assertChatwootIdentifies(signed(), { identifier: 'user-42', hmacSecret: SECRET })
    assert.equal(widget.snippets, 1)
    assert.equal(widget.user.identifier, 'user-42')
    assertChatwootIdentifies(signed(), { identifier: 'user-42', hmacSecret: Buffer.from(SECRET), fields: { email: 'jane@example.com', custom_attributes: { plan: 'pro' } } })
    assertChatwootIdentifies(signed({ identifier: 42, email: 'e@example.com' }), { identifier: 42, hmacSecret: SECRET })
  })

  it('fails on a hash made with another secret, explained by diagnose', () => {
    failsWith(() => assertChatwootIdentifies(signed(JANE, OTHER), { identifier: 'user-42', hmacSecret: SECRET }), /^assertChatwootIdentifies: /, /identifier_hash/)
    const check = checkChatwootIdentifies(signed(JANE, OTHER), { identifier: 'user-42', hmacSecret: SECRET })
    assert.equal(check.passed, false)
    assert.deepEqual(check.problems.map((p) => p.code), ['hash_mismatch'])
  })

  it('fails on an anonymous page, another user, a wrong field, no widget, two widgets, an escaped widget', () => {
    const expected = { identifier: 'user-42', hmacSecret: SECRET }
    const codes = (html, options = expected) => checkChatwootIdentifies(html, options).problems.map((p) => p.code)
    assert.deepEqual(codes(anonymous), ['anonymous'])
    assert.deepEqual(codes(signed({ ...JANE, identifier: 'user-43' })), ['wrong_identifier'])
    assert.deepEqual(codes(signed(), { ...expected, fields: { email: 'joe@example.com' } }), ['field_mismatch'])
    assert.deepEqual(codes(page('')), ['no_widget'])
    assert.ok(codes(page(widgetScript({ ...BASE, hmacSecret: SECRET, user: JANE }).repeat(2))).includes('several_widgets'))
    const escaped = widgetScript({ ...BASE, hmacSecret: SECRET, user: JANE }).replace(/</g, '&lt;').replace(/>/g, '&gt;')
    assert.ok(codes(page(escaped)).includes('escaped_widget'))
    failsWith(() => assertChatwootIdentifies(anonymous, expected), /anonymous/)
  })

  it('refuses bad arguments with a TypeError naming them', () => {
    assert.throws(() => assertChatwootIdentifies(5, { identifier: 'x', hmacSecret: SECRET }), { name: 'TypeError', message: /html/ })
    assert.throws(() => assertChatwootIdentifies(anonymous), { name: 'TypeError', message: /options/ })
    assert.throws(() => assertChatwootIdentifies(anonymous, { identifier: 1.5, hmacSecret: SECRET }), { name: 'TypeError', message: /identifier/ })
    assert.throws(() => assertChatwootIdentifies(anonymous, { identifier: 'x', hmacSecret: 5 }), { name: 'TypeError', message: /hmacSecret/ })
    assert.throws(() => assertChatwootIdentifies(anonymous, { identifier: 'x', hmacSecret: '' }), { code: 'empty_secret' })
    assert.throws(() => assertChatwootIdentifies(anonymous, { identifier: 'x', hmacSecret: SECRET, secret: 'typo' }), { name: 'TypeError', message: /unknown option/ })
  })
})

describe('assertChatwootAnonymous', () => {
  it('passes on a visitor widget and on a logout page', () => {
    assert.equal(assertChatwootAnonymous(anonymous).user, null)
    assert.equal(assertChatwootAnonymous(page(resetScript())).resets, 1)
  })

  it('fails on a page that identifies someone, or holds no widget', () => {
    failsWith(() => assertChatwootAnonymous(signed()), /^assertChatwootAnonymous: /, /user-42/)
    failsWith(() => assertChatwootAnonymous(page('')), /no Chatwoot widget/i)
  })
})

describe('assertChatwootPayloadIdentifies', () => {
  it('checks a set-user payload, as an object or as JSON text', () => {
    const payload = setUserPayload(SECRET, JANE)
    assertChatwootPayloadIdentifies(payload, { identifier: 'user-42', hmacSecret: SECRET })
    assertChatwootPayloadIdentifies(JSON.stringify(payload), { identifier: 'user-42', hmacSecret: SECRET, fields: { name: 'Jane' } })
    failsWith(() => assertChatwootPayloadIdentifies(setUserPayload(OTHER, JANE), { identifier: 'user-42', hmacSecret: SECRET }), /identifier_hash/)
    failsWith(() => assertChatwootPayloadIdentifies({ identifier: 'user-42' }, { identifier: 'user-42', hmacSecret: SECRET }), /payload/)
  })
})

it('readChatwootPage reads what the core rendered', () => {
  const widget = readChatwootPage(signed())
  assert.equal(widget.website_token, BASE.websiteToken)
  assert.equal(widget.user.attributes.email, 'jane@example.com')
})
