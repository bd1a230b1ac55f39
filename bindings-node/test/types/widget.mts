// The widget API and the Express middleware under `tsc --strict`: right calls type-check, and
// every `@ts-expect-error` line must really be an error.
import { widgetScript, setUserPayload, resetScript, Signer, errorCodes } from 'chatwoot-identity'
import type { WidgetUser, WidgetSettings, WidgetScriptOptions, UserPayload, ErrorCode } from 'chatwoot-identity'
import { chatwootWidget } from 'chatwoot-identity/express'
import type { ChatwootWidgetOptions } from 'chatwoot-identity/express'

const settings: WidgetSettings = { position: 'left', type: 'expanded_bubble', darkMode: 'auto', hideMessageBubble: true }
const options: WidgetScriptOptions = { baseUrl: 'https://app.chatwoot.com', websiteToken: 'QrtMG8GydFgEy7bVzsLLmHoq', hmacSecret: 's', settings }
const user: WidgetUser = { identifier: 42n, name: 'Jane', avatarUrl: null, customAttributes: { plan: 'pro', seats: 3, trial: false, gone: undefined } }
const signer = new Signer('s')
const html: string = widgetScript({ ...options, hmacSecret: signer, user, nonce: 'nonce' })
widgetScript({ baseUrl: 'https://app.chatwoot.com', websiteToken: 'QrtMG8GydFgEy7bVzsLLmHoq' })
widgetScript({ ...options, user: null, nonce: undefined, hmacSecret: Buffer.from('s') })
const payload: UserPayload = setUserPayload(Buffer.from('s'), user)
setUserPayload(signer, { identifier: 'u', email: 'e' })
const hash: string = payload.identifier_hash
const identifier: string = payload.identifier
const reset: string = resetScript()
resetScript('abc')

const code: ErrorCode = 'invalid_widget_request'
const summary: string = errorCodes[code]

interface Req { session: { account?: { id: number; email: string } } }
interface Res { locals: Record<string, unknown> }
const middleware = chatwootWidget<Req, Res>({
  baseUrl: options.baseUrl,
  websiteToken: options.websiteToken,
  hmacSecret: signer,
  settings,
  user: (req) => (req.session.account ? { identifier: req.session.account.id, email: req.session.account.email } : null),
  nonce: (_req, res) => (typeof res.locals.cspNonce === 'string' ? res.locals.cspNonce : undefined),
})
middleware({ session: {} }, { locals: {} }, () => {})
const asyncUser: ChatwootWidgetOptions['user'] = async () => null

// @ts-expect-error: settings use the widget's names and values
widgetScript({ ...options, settings: { position: 'top' } })
// @ts-expect-error: the user is camelCase in TypeScript
widgetScript({ ...options, user: { identifier: 'u', avatar_url: 'x' } })
// @ts-expect-error: the identifier is required
widgetScript({ ...options, user: { name: 'Jane' } })
// @ts-expect-error: bytes are no widget identifier
widgetScript({ ...options, user: { identifier: Buffer.from('u'), name: 'n' } })
// @ts-expect-error: the options are one object
widgetScript(options, user)
// @ts-expect-error: the secret is text, bytes or a Signer
widgetScript({ ...options, hmacSecret: 42 })
// @ts-expect-error: custom attributes are scalars
setUserPayload('s', { identifier: 'u', name: 'n', customAttributes: { nested: {} } })
// @ts-expect-error: a null custom attribute is refused
setUserPayload('s', { identifier: 'u', name: 'n', customAttributes: { plan: null } })
// @ts-expect-error: the base URL is required
widgetScript({ websiteToken: 't' })
// @ts-expect-error: the nonce is a string
resetScript(42)
// @ts-expect-error: the payload's fields are snake_case
setUserPayload('s', user).avatarUrl
// @ts-expect-error: no such code in the core's table
const unknownCode: ErrorCode = 'invalid_widget_setting'
// @ts-expect-error: the middleware needs a user function
chatwootWidget({ ...options, hmacSecret: 's' })
// @ts-expect-error: the secret is required by the middleware
chatwootWidget({ baseUrl: 'https://app.chatwoot.com', websiteToken: 't', user: () => null })

export { html, hash, identifier, reset, asyncUser, summary, unknownCode }

// The test kit and the automatic injection.
import { assertChatwootIdentifies, assertChatwootAnonymous, checkChatwootIdentifies } from 'chatwoot-identity/testing'
import type { PageWidget, PageCheck } from 'chatwoot-identity/testing'
import { chatwootAutoInject } from 'chatwoot-identity/express'
const seen: PageWidget = assertChatwootIdentifies('<body></body>', { identifier: 42n, hmacSecret: 's', fields: { email: 'e' } })
assertChatwootAnonymous('<body></body>')
const checked: PageCheck = checkChatwootIdentifies('', { identifier: 'x', hmacSecret: Buffer.from('s') })
const passed: boolean = checked.passed
// @ts-expect-error the secret is required
assertChatwootIdentifies('', { identifier: 'x' })
chatwootAutoInject({ baseUrl: process.env.CHATWOOT_BASE_URL, websiteToken: undefined, hmacSecret: process.env.CHATWOOT_HMAC_SECRET, enabled: false, user: () => null })
void seen
void passed
