'use strict'

// widgetScript, setUserPayload, resetScript and WidgetConfig: what reaches the page, checked
// by parsing it back and recomputing the hash with Node's own HMAC.
const assert = require('node:assert/strict')
const crypto = require('node:crypto')
const util = require('node:util')
const { describe, it } = require('node:test')
const { snippetConfig, snippetNonce } = require('../support/widget-snippet.js')

const SECRET = 'distinctive-secret-Zq7xW3vK9p'
const OPTIONS = { baseUrl: 'https://chat.example.com/', websiteToken: 'QrtMG8GydFgEy7bVzsLLmHoq', hmacSecret: SECRET }

function expectedHash(identifier) {
  return crypto.createHmac('sha256', SECRET).update(identifier).digest('hex')
}

const HOSTILE = [
  '</script><script>globalThis.trap()</script>',
  '<!--',
  '<script>',
  ']]>',
  `'"\\\`\${x}`,
  '\u2028\u2029',
  '</SCRIPT >',
  '&lt;&amp;',
  '😀 ñ 漢字',
  '\u0000\u001f',
  'x'.repeat(100_000),
]

function errorWith(code, errorClass = Error) {
  return (error) => {
    assert.equal(error.constructor, errorClass)
    assert.equal(error.code, code)
    assert.ok(!error.message.includes(SECRET), 'the secret leaked into the message')
    return true
  }
}

module.exports = function widgetSuite(api) {
  describe('widgetScript', () => {
    it('renders the loader alone for an anonymous visitor', () => {
      for (const user of [undefined, null]) {
        const document = snippetConfig(api.widgetScript(OPTIONS, user))
        assert.deepEqual(document, { baseUrl: 'https://chat.example.com', websiteToken: OPTIONS.websiteToken })
      }
    })

    it('signs a logged-in user with every field mapped to Chatwoot names', () => {
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
        socialProfiles: { github: 'jane', twitter: null },
        customAttributes: { plan: 'pro', seats: 3, ratio: 0.5, trial: false, big: 2n ** 62n, skipped: undefined },
      }
      const document = snippetConfig(api.widgetScript(OPTIONS, user))
      assert.deepEqual(document.user, {
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
      assert.equal(api.verify(SECRET, document.user.identifier, document.user.attributes.identifier_hash), true)
    })

    it('sends integer identifiers as their decimal text, signed as such', () => {
      for (const [identifier, text] of [[42, '42'], [-7, '-7'], [2n ** 64n, '18446744073709551616']]) {
        const { user } = snippetConfig(api.widgetScript(OPTIONS, { identifier, email: 'a@b.c' }))
        assert.equal(user.identifier, text)
        assert.equal(user.attributes.identifier_hash, expectedHash(text))
      }
    })

    it('writes the settings in the widget names, and only those set', () => {
      const settings = {
        locale: 'pt_BR',
        useBrowserLanguage: false,
        position: 'left',
        type: 'expanded_bubble',
        launcherTitle: 'Chat with us',
        hideMessageBubble: true,
        showUnreadMessagesDialog: false,
        showPopoutButton: true,
        darkMode: 'auto',
        baseDomain: 'example.com',
      }
      assert.deepEqual(snippetConfig(api.widgetScript({ ...OPTIONS, settings })).settings, settings)
      assert.deepEqual(snippetConfig(api.widgetScript({ ...OPTIONS, settings: { locale: 'de', position: null } })).settings, { locale: 'de' })
      assert.equal(snippetConfig(api.widgetScript({ ...OPTIONS, settings: {} })).settings, undefined)
    })

    it('puts the CSP nonce on the element and in the document for the SDK element', () => {
      const snippet = api.widgetScript(OPTIONS, null, 'r4nd0m+/==')
      assert.equal(snippetNonce(snippet), 'r4nd0m+/==')
      assert.equal(snippetConfig(snippet).nonce, 'r4nd0m+/==')
      assert.equal(snippetNonce(api.widgetScript(OPTIONS, null, null)), undefined)
    })

    it('carries hostile values byte for byte, never closing the element', () => {
      for (const hostile of HOSTILE) {
        const user = { identifier: hostile, name: hostile, email: hostile, customAttributes: { [hostile]: hostile } }
        const document = snippetConfig(api.widgetScript({ ...OPTIONS, settings: { launcherTitle: hostile } }, user))
        assert.equal(document.user.identifier, hostile)
        assert.equal(document.user.attributes.name, hostile)
        assert.equal(document.user.attributes.email, hostile)
        assert.deepEqual(document.user.attributes.custom_attributes, { [hostile]: hostile })
        assert.equal(document.settings.launcherTitle, hostile)
        assert.equal(document.user.attributes.identifier_hash, expectedHash(hostile))
      }
    })

    it('a prepared WidgetConfig renders the same as its options', () => {
      const config = new api.WidgetConfig(OPTIONS)
      const user = { identifier: 'u', name: 'n' }
      assert.equal(api.widgetScript(config, user, 'abc'), api.widgetScript(OPTIONS, user, 'abc'))
      assert.equal(config.widgetScript(user, 'abc'), api.widgetScript(OPTIONS, user, 'abc'))
    })

    it('refuses bad configuration with the core codes', () => {
      const cases = [
        [{ ...OPTIONS, baseUrl: 'ftp://chat.example.com' }, 'invalid_base_url'],
        [{ ...OPTIONS, baseUrl: `https://user:${SECRET}@chat.example.com` }, 'invalid_base_url'],
        [{ ...OPTIONS, baseUrl: 'chat.example.com' }, 'invalid_base_url'],
        [{ ...OPTIONS, websiteToken: 'short' }, 'invalid_website_token'],
        [{ ...OPTIONS, websiteToken: `${SECRET}!` }, 'invalid_website_token'],
        [{ ...OPTIONS, hmacSecret: '' }, 'empty_secret'],
        [{ ...OPTIONS, settings: { position: 'top' } }, 'invalid_widget_setting'],
        [{ ...OPTIONS, settings: { type: SECRET } }, 'invalid_widget_setting'],
        [{ ...OPTIONS, settings: { darkMode: 'dark' } }, 'invalid_widget_setting'],
      ]
      for (const [options, code] of cases) {
        assert.throws(() => new api.WidgetConfig(options), errorWith(code))
        assert.throws(() => api.widgetScript(options), errorWith(code))
      }
    })

    it('refuses bad users and nonces with the core codes', () => {
      const config = new api.WidgetConfig(OPTIONS)
      const cases = [
        [{ identifier: '', name: 'n' }, null, 'empty_identifier'],
        [{ identifier: 'u' }, null, 'incomplete_user'],
        [{ identifier: 'u', name: '' }, null, 'incomplete_user'],
        [{ identifier: 'u', name: 'n', customAttributes: { x: NaN } }, null, 'invalid_custom_attribute'],
        [{ identifier: 'u', name: 'n', customAttributes: { x: Infinity } }, null, 'invalid_custom_attribute'],
        [null, '', 'invalid_nonce'],
        [null, 'a b', 'invalid_nonce'],
        [null, '"><script>', 'invalid_nonce'],
        [null, SECRET + '"', 'invalid_nonce'],
      ]
      for (const [user, nonce, code] of cases) {
        assert.throws(() => config.widgetScript(user, nonce), errorWith(code))
      }
      const unsigned = new api.WidgetConfig({ ...OPTIONS, hmacSecret: undefined })
      assert.ok(snippetConfig(unsigned.widgetScript()))
      assert.throws(() => unsigned.widgetScript({ identifier: 'u', name: 'n' }), errorWith('missing_secret'))
    })

    it('refuses wrong types with a TypeError naming the field', () => {
      const config = new api.WidgetConfig(OPTIONS)
      const typeCases = [
        [() => new api.WidgetConfig(), 'options'],
        [() => new api.WidgetConfig('https://chat.example.com'), 'options'],
        [() => new api.WidgetConfig({ ...OPTIONS, baseUrl: undefined }), 'options.baseUrl'],
        [() => new api.WidgetConfig({ ...OPTIONS, websiteToken: 42 }), 'options.websiteToken'],
        [() => new api.WidgetConfig({ ...OPTIONS, hmacSecret: 42 }), 'options.hmacSecret'],
        [() => new api.WidgetConfig({ ...OPTIONS, settings: 'left' }), 'settings'],
        [() => new api.WidgetConfig({ ...OPTIONS, settings: { hideMessageBubble: 'yes' } }), 'settings.hideMessageBubble'],
        [() => config.widgetScript('user-42'), 'user'],
        [() => config.widgetScript([SECRET]), 'user'],
        [() => config.widgetScript({ name: 'n' }), 'user.identifier'],
        [() => config.widgetScript({ identifier: 1.5, name: 'n' }), 'user.identifier'],
        [() => config.widgetScript({ identifier: Buffer.from('u'), name: 'n' }), 'user.identifier'],
        [() => config.widgetScript({ identifier: 'u', name: 42 }), 'user.name'],
        [() => config.widgetScript({ identifier: 'u', name: 'n', socialProfiles: { github: 1 } }), 'user.socialProfiles.github'],
        [() => config.widgetScript({ identifier: 'u', name: 'n', customAttributes: [1] }), 'user.customAttributes'],
        [() => config.widgetScript({ identifier: 'u', name: 'n', customAttributes: { x: {} } }), 'user.customAttributes.x'],
        [() => config.widgetScript(null, 42), 'nonce'],
        [() => api.resetScript(42), 'nonce'],
        [() => api.setUserPayload(42, { identifier: 'u', name: 'n' }), 'secret'],
      ]
      for (const [call, param] of typeCases) {
        assert.throws(call, (error) => {
          assert.equal(error.constructor, TypeError)
          assert.equal(error.code, 'ERR_INVALID_ARG_TYPE')
          assert.ok(error.message.startsWith(`${param} must be `), error.message)
          assert.ok(!error.message.includes(SECRET), 'the secret leaked into the message')
          return true
        })
      }
      assert.throws(
        () => config.widgetScript({ identifier: 'u', name: 'n', customAttributes: { x: 2n ** 63n } }),
        errorWith('ERR_OUT_OF_RANGE', RangeError),
      )
    })

    it('refuses unknown fields, naming the camelCase ones', () => {
      const config = new api.WidgetConfig(OPTIONS)
      const unknown = [
        [() => config.widgetScript({ identifier: 'u', name: 'n', avatar_url: 'x' }), 'user', 'avatar_url'],
        [() => new api.WidgetConfig({ ...OPTIONS, website_token: 'x' }), 'options', 'website_token'],
        [() => new api.WidgetConfig({ ...OPTIONS, settings: { darkmode: 'auto' } }), 'settings', 'darkmode'],
      ]
      for (const [call, object, key] of unknown) {
        assert.throws(call, (error) => {
          assert.equal(error.constructor, TypeError)
          assert.equal(error.code, 'ERR_INVALID_ARG_VALUE')
          assert.ok(error.message.startsWith(`${object} has no field "${key}"`), error.message)
          return true
        })
      }
    })

    it('a WidgetConfig never shows its secret', () => {
      const config = new api.WidgetConfig(OPTIONS)
      for (const shown of [
        util.inspect(config, { showHidden: true, depth: Infinity }),
        JSON.stringify(config),
        String(config),
        util.format('%o %O %j', config, config, config),
        config.widgetScript({ identifier: 'u', name: 'n' }),
      ]) {
        assert.ok(!shown.includes(SECRET), `secret shown in ${shown.slice(0, 200)}`)
      }
    })
  })

  describe('setUserPayload', () => {
    it('returns Chatwoot fields with identifier_hash, the identifier always a string', () => {
      const payload = api.setUserPayload(SECRET, { identifier: 9007199254740993n, name: 'Jane', avatarUrl: 'https://a/b.png' })
      assert.deepEqual(payload, {
        identifier: '9007199254740993',
        identifier_hash: expectedHash('9007199254740993'),
        name: 'Jane',
        avatar_url: 'https://a/b.png',
      })
      assert.deepEqual(api.setUserPayload(Buffer.from(SECRET), { identifier: 'u', email: 'e' }).identifier_hash, expectedHash('u'))
    })

    it('refuses what widgetScript refuses', () => {
      assert.throws(() => api.setUserPayload('', { identifier: 'u', name: 'n' }), errorWith('empty_secret'))
      assert.throws(() => api.setUserPayload(SECRET, { identifier: 'u' }), errorWith('incomplete_user'))
      assert.throws(() => api.setUserPayload(SECRET, null), (error) => error.constructor === TypeError && /^user must be /.test(error.message))
    })
  })

  describe('resetScript', () => {
    it('calls window.$chatwoot.reset(), with or without a nonce', () => {
      for (const [nonce, attribute] of [[undefined, undefined], [null, undefined], ['abc', 'abc']]) {
        const snippet = api.resetScript(nonce)
        assert.equal(snippetNonce(snippet), attribute)
        assert.match(snippet, /window\.\$chatwoot\.reset\(\)/)
        assert.equal(snippet.split('</script>').length, 2)
      }
      assert.throws(() => api.resetScript('"'), errorWith('invalid_nonce'))
    })
  })
}
