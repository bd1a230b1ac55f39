// The same package through `require`, as a CommonJS TypeScript file sees it.
import chatwoot = require('chatwoot-identity')

const hash: string = chatwoot.identifierHash('your-secret-token-for-hmac', 'user-42')
// @ts-expect-error: the result is a string
const wrong: number = chatwoot.identifierHash('your-secret-token-for-hmac', 'user-42')
// @ts-expect-error: a Symbol is not an identifier
chatwoot.verify('s', Symbol('x'), hash)

export = { hash, wrong }
