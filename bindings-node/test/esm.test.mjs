// The suite against the package as `import` loads it (the `import` condition, index.mjs).
import { createRequire } from 'node:module'
import * as api from 'chatwoot-identity'
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
