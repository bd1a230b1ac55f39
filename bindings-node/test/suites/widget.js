'use strict'

// What the shared widget vectors cannot say about Node: how JavaScript's own values (undefined,
// safe and unsafe numbers, bigints, Dates, Maps, Buffers, class instances, getters, keys with
// NUL) are read, a Signer as `hmacSecret`, and that no secret leaks. Checked by parsing the
// snippet back and recomputing hashes with Node's own HMAC.
const assert = require('node:assert/strict')
const crypto = require('node:crypto')
const { describe, it } = require('node:test')
const { snippetConfig, snippetNonce } = require('../support/widget-snippet.js')

const SECRET = 'distinctive-secret-Zq7xW3vK9p'
const BASE = { baseUrl: 'https://chat.example.com/', websiteToken: 'QrtMG8GydFgEy7bVzsLLmHoq' }
const OPTIONS = { ...BASE, hmacSecret: SECRET }

function expectedHash(identifier) {
  return crypto.createHmac('sha256', SECRET).update(identifier).digest('hex')
}

const HOSTILE = [
  '</script><script>globalThis.trap()</script>',
  '<!--',
  ']]>',
  `'"\\\`\${x}`,
  '\u2028\u2029',
  '</SCRIPT >',
  '&lt;&amp;',
  '😀 ñ 漢字',
  '\u0000\u001f',
  'x'.repeat(100_000),
]

/** An error of the core's table: its class, code, path and no secret in the message. */
function coreError(code, { path, wrongType = false } = {}) {
  return (error) => {
    assert.equal(error.constructor, wrongType ? TypeError : Error, error.message)
    assert.equal(error.code, code)
    if (path) assert.ok(error.message.startsWith(`${path}: `), error.message)
    assert.ok(!error.message.includes(SECRET), 'the secret leaked into the message')
    return true
  }
}

class Account {
  constructor() {
    this.identifier = 'u'
    this.name = 'n'
  }
}

module.exports = function widgetSuite(api) {
  const render = (user, extra = {}) => snippetConfig(api.widgetScript({ ...OPTIONS, user, ...extra }))

  describe('widgetScript reads JavaScript values', () => {
    it('maps every camelCase field to the Chatwoot name on the page', () => {
      const user = {
        identifier: 'user-42',
        name: 'Jane',
        email: 'jane@example.com',
        avatarUrl: 'https://example.com/a.png',
        phoneNumber: '+15555550100',
        description: 'VIP',
        countryCode: 'DE',
        city: 'Berlin',
        companyName: 'Acme',
        socialProfiles: { github: 'jane' },
        customAttributes: { plan: 'pro', seats: 3, ratio: 0.5, trial: false, big: 2n ** 62n },
      }
      assert.deepEqual(render(user).user, {
        identifier: 'user-42',
        attributes: {
          identifier_hash: expectedHash('user-42'),
          name: 'Jane',
          email: 'jane@example.com',
          avatar_url: 'https://example.com/a.png',
          phone_number: '+15555550100',
          description: 'VIP',
          country_code: 'DE',
          city: 'Berlin',
          company_name: 'Acme',
          social_profiles: { github: 'jane' },
          custom_attributes: { plan: 'pro', seats: 3, ratio: 0.5, trial: false, big: 2 ** 62 },
        },
      })
    })

    it('takes the secret as hmac_secret too, as every other option has its snake_case name', () => {
      const user = { identifier: 'u', name: 'n' }
      const { hmacSecret, ...rest } = OPTIONS
      const snake = api.widgetScript({ ...rest, hmac_secret: hmacSecret, user })
      assert.equal(snake, api.widgetScript({ ...OPTIONS, user }))
      assert.equal(api.widgetScript({ ...rest, hmac_secret: undefined, hmacSecret, user }), snake)
      assert.throws(() => api.widgetScript({ ...OPTIONS, hmac_secret: hmacSecret, user }), {
        name: 'TypeError',
        code: 'ERR_INVALID_ARG_VALUE',
        message: 'options.hmacSecret and options.hmac_secret name the same secret: give one of them',
      })
    })

    it('leaves out undefined everywhere, and null where a field is optional', () => {
      const { user } = render({
        identifier: 'u',
        name: 'n',
        email: undefined,
        city: null,
        socialProfiles: { github: undefined },
        customAttributes: { skipped: undefined, kept: 1 },
      })
      assert.deepEqual(user.attributes, { name: 'n', custom_attributes: { kept: 1 }, identifier_hash: expectedHash('u') })
      for (const absent of [undefined, null]) {
        assert.equal(snippetConfig(api.widgetScript({ ...OPTIONS, user: absent, nonce: absent })).user, undefined)
      }
      assert.equal(snippetConfig(api.widgetScript({ ...OPTIONS, settings: undefined })).settings, undefined)
      assert.throws(
        () => render({ identifier: 'u', name: 'n', customAttributes: { plan: null } }),
        coreError('invalid_widget_request', { path: 'user.customAttributes.plan' }),
      )
    })

    it('hashes safe integers and bigints as their decimal text', () => {
      for (const [identifier, text] of [[42, '42'], [-7, '-7'], [-0, '0'], [Number.MAX_SAFE_INTEGER, '9007199254740991'], [2n ** 64n, '18446744073709551616'], [-(2n ** 127n), `${-(2n ** 127n)}`]]) {
        const { user } = render({ identifier, email: 'a@b.c' })
        assert.equal(user.identifier, text)
        assert.equal(user.attributes.identifier_hash, expectedHash(text))
      }
    })

    it('refuses numbers that are not safe integers as identifiers, and keeps them exact as attributes', () => {
      for (const identifier of [1.5, 2 ** 53, 1e20, NaN, Infinity]) {
        assert.throws(() => render({ identifier, name: 'n' }), coreError('invalid_widget_request', { path: 'user.identifier', wrongType: true }))
      }
      assert.throws(() => render({ identifier: 2n ** 128n, name: 'n' }), coreError('invalid_widget_request', { path: 'user.identifier' }))
      const { user } = render({ identifier: 'u', name: 'n', customAttributes: { big: 1e20, unsafe: 2 ** 53 + 2 } })
      assert.deepEqual(user.attributes.custom_attributes, { big: 1e20, unsafe: 2 ** 53 + 2 })
      for (const value of [NaN, Infinity]) {
        assert.throws(() => render({ identifier: 'u', name: 'n', customAttributes: { x: value } }), coreError('invalid_widget_request', { path: 'user.customAttributes.x' }))
      }
      // A bigint attribute is written with every digit, up to 127 bits and a sign.
      const widest = 2n ** 127n - 1n
      const snippet = api.widgetScript({ ...OPTIONS, user: { identifier: 'u', name: 'n', customAttributes: { seats: widest } } })
      assert.match(snippet, new RegExp(`"seats":${widest}[,}]`))
      for (const beyond of [2n ** 127n, -(2n ** 127n) - 1n]) {
        assert.throws(() => render({ identifier: 'u', name: 'n', customAttributes: { x: beyond } }), coreError('invalid_widget_request', { path: 'user.customAttributes.x' }))
      }
    })

    it('refuses objects other than plain ones as a wrong type, naming their class', () => {
      const cases = [
        [{ identifier: new Date(0), name: 'n' }, 'user.identifier', 'Date'],
        [{ identifier: Buffer.from('u'), name: 'n' }, 'user.identifier', 'Buffer'],
        [{ identifier: 'u', name: new String('n') }, 'user.name', 'String'],
        [{ identifier: 'u', name: 'n', customAttributes: new Map([['plan', 'pro']]) }, 'user.customAttributes', 'Map'],
        [{ identifier: 'u', name: 'n', socialProfiles: new Date(0) }, 'user.socialProfiles', 'Date'],
        [{ identifier: 'u', name: 'n', customAttributes: { x: {} } }, 'user.customAttributes.x', 'map'],
        [{ identifier: 'u', name: 'n', customAttributes: { x: [1] } }, 'user.customAttributes.x', 'sequence'],
        [{ identifier: 'u', name: Symbol('n') }, 'user.name', 'symbol'],
        [{ identifier: 'u', name: () => 'n' }, 'user.name', 'function'],
        [new Account(), 'user', 'Account'],
      ]
      for (const [user, path, kind] of cases) {
        assert.throws(() => render(user), (error) => {
          coreError('invalid_widget_request', { path, wrongType: true })(error)
          assert.ok(error.message.startsWith(`${path}: invalid type: ${kind}, expected `), error.message)
          return true
        })
      }
      assert.throws(() => api.widgetScript({ ...BASE, settings: new Map() }), coreError('invalid_widget_request', { path: 'settings', wrongType: true }))
      for (const options of [undefined, null, 'https://chat.example.com', new Date(0)]) {
        assert.throws(() => api.widgetScript(options), coreError('invalid_widget_request', { path: 'request', wrongType: true }))
      }
    })

    it('refuses a deeply nested list by path without exhausting the stack', () => {
      let deep = 'x'
      for (let depth = 0; depth < 100_000; depth++) deep = [deep]
      const cases = [
        [{ identifier: 'u', name: 'n', customAttributes: { x: deep } }, 'user.customAttributes.x'],
        [{ identifier: deep, name: 'n' }, 'user.identifier'],
      ]
      for (const [user, path] of cases) {
        assert.throws(() => render(user), coreError('invalid_widget_request', { path, wrongType: true }))
      }
    })

    it('reads plain objects only by their own keys, whatever the keys hold', () => {
      const bare = Object.assign(Object.create(null), { identifier: 'u', name: 'n' })
      assert.equal(render(bare).user.identifier, 'u')
      const inherited = Object.assign(Object.create({ email: 'from-the-prototype@example.com' }), { identifier: 'u', name: 'n' })
      assert.throws(() => render(inherited), coreError('invalid_widget_request', { path: 'user', wrongType: true }))
      const { user } = render({ identifier: 'u', name: 'n', customAttributes: { 'a\u0000b': 1, 7: 'seven' } })
      assert.deepEqual(user.attributes.custom_attributes, { 7: 'seven', 'a\u0000b': 1 })
      const hidden = Object.defineProperty({ identifier: 'u', name: 'n' }, 'email', { value: 'hidden', enumerable: false })
      assert.equal(render(hidden).user.attributes.email, undefined)
    })

    it('lets an exception thrown by a getter through unchanged', () => {
      const thrown = new RangeError('from the getter')
      const user = {
        identifier: 'u',
        get name() {
          throw thrown
        },
      }
      assert.throws(() => render(user), (error) => error === thrown)
    })

    it('carries hostile values byte for byte, never closing the element', () => {
      for (const hostile of HOSTILE) {
        const user = { identifier: hostile, name: hostile, email: hostile, customAttributes: { [hostile]: hostile } }
        const document = snippetConfig(api.widgetScript({ ...OPTIONS, user, settings: { launcherTitle: hostile } }))
        assert.equal(document.user.identifier, hostile)
        assert.equal(document.user.attributes.name, hostile)
        assert.deepEqual(document.user.attributes.custom_attributes, { [hostile]: hostile })
        assert.equal(document.settings.launcherTitle, hostile)
        assert.equal(document.user.attributes.identifier_hash, expectedHash(hostile))
      }
    })

    it('puts the CSP nonce on the element and in the document for the SDK element', () => {
      const snippet = api.widgetScript({ ...OPTIONS, nonce: 'r4nd0m+/==' })
      assert.equal(snippetNonce(snippet), 'r4nd0m+/==')
      assert.equal(snippetConfig(snippet).nonce, 'r4nd0m+/==')
      assert.throws(() => api.widgetScript({ ...OPTIONS, nonce: 42 }), coreError('invalid_widget_request', { path: 'nonce', wrongType: true }))
    })
  })

  describe('hmacSecret', () => {
    it('takes a Signer, prepared once, and signs as the secret does', () => {
      const signer = new api.Signer(SECRET)
      const user = { identifier: 'u', name: 'n' }
      assert.equal(api.widgetScript({ ...BASE, hmacSecret: signer, user }), api.widgetScript({ ...OPTIONS, user }))
      assert.deepEqual(api.setUserPayload(signer, user), api.setUserPayload(SECRET, user))
      assert.equal(api.setUserPayload(Buffer.from(SECRET), user).identifier_hash, expectedHash('u'))
      // Read once, apart from the request: a getter runs once.
      let reads = 0
      const options = {
        ...BASE,
        user,
        get hmacSecret() {
          reads += 1
          return signer
        },
      }
      assert.equal(snippetConfig(api.widgetScript(options)).user.attributes.identifier_hash, expectedHash('u'))
      assert.equal(reads, 1)
    })

    it('refuses what is neither a secret nor a Signer with a TypeError naming hmacSecret', () => {
      const fake = Object.create(api.Signer.prototype)
      for (const hmacSecret of [42, { secret: SECRET }, [SECRET], fake]) {
        for (const call of [
          () => api.widgetScript({ ...BASE, hmacSecret, user: { identifier: 'u', name: 'n' } }),
          () => api.setUserPayload(hmacSecret, { identifier: 'u', name: 'n' }),
        ]) {
          assert.throws(call, (error) => {
            assert.equal(error.constructor, TypeError)
            assert.equal(error.code, 'ERR_INVALID_ARG_TYPE')
            assert.ok(error.message.startsWith('hmacSecret must be '), error.message)
            assert.ok(!error.message.includes(SECRET), 'the secret leaked into the message')
            return true
          })
        }
      }
      assert.throws(() => api.setUserPayload(undefined, { identifier: 'u', name: 'n' }), { name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE' })
      assert.throws(() => api.widgetScript({ ...BASE, user: { identifier: 'u', name: 'n' } }), coreError('missing_secret'))
    })

    it('never shows up in a message, even where a value is quoted', () => {
      const cases = [
        () => api.widgetScript({ ...OPTIONS, baseUrl: `https://user:${SECRET}@chat.example.com` }),
        () => api.widgetScript({ ...OPTIONS, websiteToken: `${SECRET}!` }),
        () => api.widgetScript({ ...OPTIONS, user: { identifier: 'u', name: 'n', email: 5, phoneNumber: SECRET } }),
        () => api.widgetScript({ ...OPTIONS, user: { identifier: 'u', name: 'n', socialProfiles: SECRET } }),
        () => api.widgetScript({ ...OPTIONS, nonce: `${SECRET}"` }),
      ]
      for (const call of cases) assert.throws(call, (error) => !error.message.includes(SECRET))
    })
  })

  describe('setUserPayload and resetScript', () => {
    it('setUserPayload returns an object in Chatwoot names, the identifier always a string', () => {
      const payload = api.setUserPayload(SECRET, { identifier: 9007199254740993n, name: 'Jane', avatarUrl: 'https://a/b.png' })
      assert.deepEqual(payload, {
        identifier: '9007199254740993',
        identifier_hash: expectedHash('9007199254740993'),
        name: 'Jane',
        avatar_url: 'https://a/b.png',
      })
      assert.throws(() => api.setUserPayload(SECRET, null), coreError('invalid_widget_request', { path: 'user', wrongType: true }))
    })

    it('resetScript calls window.$chatwoot.reset(), with or without a nonce', () => {
      for (const [nonce, attribute] of [[undefined, undefined], [null, undefined], ['abc', 'abc']]) {
        const snippet = api.resetScript(nonce)
        assert.equal(snippetNonce(snippet), attribute)
        assert.match(snippet, /window\.\$chatwoot\.reset\(\)/)
        assert.equal(snippet.split('</script>').length, 2)
      }
      assert.throws(() => api.resetScript('"'), coreError('invalid_nonce'))
      assert.throws(() => api.resetScript(42), coreError('invalid_widget_request', { path: 'nonce', wrongType: true }))
    })
  })
}
