// The suite against the package as `import` loads it (the `import` condition, index.mjs).
import { createRequire } from 'node:module'
import * as api from 'chatwoot-identity'
import { identifierHash, verify, diagnose, Signer, widgetScript, setUserPayload, resetScript, errorCodes } from 'chatwoot-identity'
import { chatwootWidget } from 'chatwoot-identity/express'

const registerAll = createRequire(import.meta.url)('./suites/index.js')
registerAll({ identifierHash, verify, diagnose, Signer, widgetScript, setUserPayload, resetScript, errorCodes })
if (chatwootWidget !== createRequire(import.meta.url)('chatwoot-identity/express').chatwootWidget) {
  throw new Error('the ESM and CommonJS middleware differ')
}
if (api.identifierHash !== identifierHash) throw new Error('namespace and named imports differ')
