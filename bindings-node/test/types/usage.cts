// The same package through `require`, as a CommonJS TypeScript file sees it.
import chatwoot = require('chatwoot-identity')
import chatwootExpress = require('chatwoot-identity/express')

const hash: string = chatwoot.identifierHash('your-secret-token-for-hmac', 'user-42')
// @ts-expect-error: the result is a string
const wrong: number = chatwoot.identifierHash('your-secret-token-for-hmac', 'user-42')
// @ts-expect-error: a Symbol is not an identifier
chatwoot.verify('s', Symbol('x'), hash)

const middleware = chatwootExpress.chatwootWidget({
  baseUrl: 'https://app.chatwoot.com',
  websiteToken: 'QrtMG8GydFgEy7bVzsLLmHoq',
  hmacSecret: 's',
  user: () => null,
})
const snippet: string = chatwoot.widgetScript({ baseUrl: 'https://app.chatwoot.com', websiteToken: 'QrtMG8GydFgEy7bVzsLLmHoq' })

export = { hash, wrong, middleware, snippet }
