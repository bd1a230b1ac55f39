// The suite against the package as `import` loads it (the `import` condition, index.mjs).
import { createRequire } from 'node:module'
import * as api from 'chatwoot-identity'
import { identifierHash, verify, diagnose, Signer } from 'chatwoot-identity'

const registerAll = createRequire(import.meta.url)('./suites/index.js')
registerAll({ identifierHash, verify, diagnose, Signer })
if (api.identifierHash !== identifierHash) throw new Error('namespace and named imports differ')
