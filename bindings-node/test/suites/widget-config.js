'use strict'

// widgetConfig: the document widgetScript embeds, as a plain object for chatwoot-identity/react.
const assert = require('node:assert/strict')
const crypto = require('node:crypto')
const { describe, it } = require('node:test')
const { snippetConfig } = require('../support/widget-snippet.js')

const SECRET = 'distinctive-secret-Zq7xW3vK9p'
const OPTIONS = { baseUrl: 'https://chat.example.com/', websiteToken: 'QrtMG8GydFgEy7bVzsLLmHoq', hmacSecret: SECRET }
const USER = { identifier: 42, name: '</script><script>globalThis.trap()</script>', email: 'jane@example.com', customAttributes: { plan: 'pro' } }

module.exports = function widgetConfigSuite(api) {
  describe('widgetConfig', () => {
    it('is the document widgetScript embeds, for every kind of request', () => {
      const requests = [
        OPTIONS,
        { ...OPTIONS, user: USER, nonce: 'n0nce', debug: true, settings: { position: 'left', welcomeTitle: "'hi' & <b>" } },
        { ...OPTIONS, hmacSecret: new api.Signer(SECRET), user: { identifier: 'u', avatarUrl: 'https://example.com/a.png' } },
      ]
      for (const request of requests) {
        const config = api.widgetConfig(request)
        const { marker, digest, ...user } = config.user ?? {}
        const plain = config.user ? { ...config, user } : config
        assert.deepEqual(plain, snippetConfig(api.widgetScript(request)))
        if (config.user) {
          assert.match(marker, /^[0-9a-f]{32}$/)
          assert.match(digest, /^[0-9a-f]{32}$/)
        }
        assert.ok(!JSON.stringify(config).includes(SECRET), 'the secret is in the config')
      }
      const { user } = api.widgetConfig({ ...OPTIONS, user: USER })
      assert.equal(user.identifier, '42')
      assert.equal(user.attributes.identifier_hash, crypto.createHmac('sha256', SECRET).update('42').digest('hex'))
      assert.equal(user.attributes.name, USER.name, 'plain values, not escaped for HTML')
      assert.equal(api.widgetConfig(OPTIONS).baseUrl, 'https://chat.example.com')
    })

    it('refuses what widgetScript refuses, with the same errors', () => {
      const cases = [
        { ...OPTIONS, hmacSecret: undefined, user: USER },
        { ...OPTIONS, nonce: 'a"b' },
        { ...OPTIONS, baseUrl: 'javascript:alert(1)' },
        { ...OPTIONS, user: { identifier: 'u' } },
        { ...OPTIONS, extra: 1 },
      ]
      for (const request of cases) {
        let expected
        assert.throws(() => api.widgetScript(request), (error) => (expected = error) instanceof Error)
        assert.throws(() => api.widgetConfig(request), (error) => {
          assert.equal(error.constructor, expected.constructor)
          assert.equal(error.code, expected.code)
          assert.equal(error.message, expected.message)
          return true
        })
      }
      assert.throws(() => api.widgetConfig(), { code: 'invalid_widget_request' })
    })
  })
}
