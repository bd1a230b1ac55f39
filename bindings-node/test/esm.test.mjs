// The suite against the package as `import` loads it (the `import` condition, index.mjs).
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'
import { describe, it } from 'node:test'
import * as api from 'chatwoot-identity'
import * as expressApi from 'chatwoot-identity/express'
import * as testingApi from 'chatwoot-identity/testing'
import { identifierHash, verify, diagnose, Signer, widgetScript, widgetConfig, setUserPayload, resetScript, errorCodes } from 'chatwoot-identity'
import { verifyWebhook, WebhookVerifier, signWebhook, diagnoseWebhook } from 'chatwoot-identity'
import { chatwootWidget, chatwootWebhook } from 'chatwoot-identity/express'

const registerAll = createRequire(import.meta.url)('./suites/index.js')
registerAll({ identifierHash, verify, diagnose, Signer, widgetScript, widgetConfig, setUserPayload, resetScript, errorCodes, verifyWebhook, WebhookVerifier, signWebhook, diagnoseWebhook })
if (chatwootWidget !== createRequire(import.meta.url)('chatwoot-identity/express').chatwootWidget) {
  throw new Error('the ESM and CommonJS middleware differ')
}
if (chatwootWebhook !== createRequire(import.meta.url)('chatwoot-identity/express').chatwootWebhook) {
  throw new Error('the ESM and CommonJS webhook middleware differ')
}
if (api.identifierHash !== identifierHash) throw new Error('namespace and named imports differ')

// The .mjs entries re-export their CommonJS module (`export *`), whose names Node reads from
// its `module.exports` assignments: every name must come through, as the very same value.
describe('ES module entries', () => {
  const require = createRequire(import.meta.url)
  const entries = { 'chatwoot-identity': api, 'chatwoot-identity/express': expressApi, 'chatwoot-identity/testing': testingApi }
  for (const [specifier, namespace] of Object.entries(entries)) {
    it(`${specifier} exports every name of its CommonJS module`, () => {
      const required = require(specifier)
      assert.deepEqual(Object.keys(namespace).sort(), Object.keys(required).sort())
      for (const name of Object.keys(required)) assert.equal(namespace[name], required[name], name)
    })
  }
})
