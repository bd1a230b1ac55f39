// The webhook API and its Express middleware under `tsc --strict`: right calls type-check, and
// every `@ts-expect-error` line must really be an error.
import type { IncomingMessage } from 'node:http'
import { verifyWebhook, WebhookVerifier, signWebhook, diagnoseWebhook } from 'chatwoot-identity'
import type { VerifiedWebhook, SignedWebhook, WebhookDiagnosis, WebhookHeadersInit, VerifyWebhookOptions } from 'chatwoot-identity'
import { chatwootWebhook } from 'chatwoot-identity/express'
import type { ChatwootWebhookOptions, ChatwootWebhookRequest } from 'chatwoot-identity/express'

declare const req: IncomingMessage
const secret = 'Sx5GdKjW7rvbcaQ8JtUmHn2p'
const body = Buffer.from('{"event":"message_created"}')

const signed: SignedWebhook = signWebhook(secret, body, 1_700_000_000)
signWebhook(Buffer.from(secret), '{}')
const header: string = signed.headers['X-Chatwoot-Signature']
const fromNode: VerifiedWebhook = verifyWebhook(secret, body, { headers: req.headers })
verifyWebhook(secret, '{}', { headers: req.rawHeaders, now: 1_700_000_000, tolerance: 60 })
verifyWebhook(secret, body, { headers: new Headers(signed.headers) })
verifyWebhook(secret, body, { headers: new Map([['x-chatwoot-signature', 'sha256=...']]) })
verifyWebhook(secret, body, { headers: [['X-Chatwoot-Timestamp', '1']], checkAge: false })
verifyWebhook(secret, body, { headers: signed.headers })
verifyWebhook(secret, body, { signature: req.headers['x-chatwoot-signature'] as string | undefined, timestamp: null })
const options: VerifyWebhookOptions = { signature: signed.signature, timestamp: signed.timestamp }
verifyWebhook(secret, new Uint8Array(body), options)
const list: WebhookHeadersInit = req.headers

const verifier = new WebhookVerifier(secret, { tolerance: 120 })
new WebhookVerifier(Buffer.from(secret))
const webhook = verifier.verify(body, { headers: req.headers, now: 1 })
const deliveryId: string | null = webhook.deliveryId
const replayKey: string = webhook.replayKey
const age: number = webhook.age
const tolerance: number | null = verifier.tolerance
const checked: boolean = verifier.checkAge

const diagnosis: WebhookDiagnosis = diagnoseWebhook(secret, body, { headers: req.headers, identityHmacToken: 'QrtMG8GydFgEy7bVzsLLmHoq' })
const codes: string[] = diagnosis.findings.map((finding) => finding.code)

const middlewareOptions: ChatwootWebhookOptions = { secret, tolerance: 300, limit: '1mb' }
const middleware = chatwootWebhook(middlewareOptions)
chatwootWebhook()
chatwootWebhook({ secret: verifier, limit: 1024 })
declare const received: ChatwootWebhookRequest
const rawBody: Buffer = received.rawBody
const event: unknown = received.body

// @ts-expect-error: the options are required
verifyWebhook(secret, body)
// @ts-expect-error: a body is bytes or text
verifyWebhook(secret, 42, { headers: req.headers })
// @ts-expect-error: headers are not a string
verifyWebhook(secret, body, { headers: 'x-chatwoot-signature: x' })
// @ts-expect-error: both forms at once
verifyWebhook(secret, body, { headers: req.headers, signature: 's', timestamp: 't' })
// @ts-expect-error: the timestamp is required with the signature
verifyWebhook(secret, body, { signature: 's' })
// @ts-expect-error: now is a number of seconds
verifyWebhook(secret, body, { headers: req.headers, now: new Date() })
// @ts-expect-error: tolerance belongs to the verifier, not to each verify
verifier.verify(body, { headers: req.headers, tolerance: 5 })
// @ts-expect-error: the verified timestamp is a number
const wrongTimestamp: string = webhook.timestamp
// @ts-expect-error: the signed timestamp is a header value, text
const wrongSigned: number = signed.timestamp
// @ts-expect-error: the timestamp to sign is a number
signWebhook(secret, body, '1700000000')
// @ts-expect-error: the middleware's limit is bytes or a size
chatwootWebhook({ secret, limit: true })
// @ts-expect-error: the secret is text, bytes or a WebhookVerifier
chatwootWebhook({ secret: 42 })

export { header, fromNode, list, deliveryId, replayKey, age, tolerance, checked, codes, middleware, rawBody, event, wrongTimestamp, wrongSigned }
