// Types of `chatwootWebhook` (re-exported by `chatwoot-identity/express`). Structural request
// and response types: the package does not depend on Express or its types.
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Bytes, VerifiedWebhook, WebhookVerifier } from './index'

export interface ChatwootWebhookOptions {
  /**
   * The webhook's secret from Chatwoot (not the inbox's identity-validation token), or a
   * `WebhookVerifier` prepared from it; default the CHATWOOT_WEBHOOK_SECRET environment
   * variable. Missing or empty, `chatwootWebhook()` throws.
   */
  secret?: Bytes | WebhookVerifier
  /** Seconds the timestamp may be from now, either way; default 300. */
  tolerance?: number
  /** `false` turns the age check off (stored requests only). */
  checkAge?: boolean
  /** The largest body read from the request, in bytes or as '100kb', '1mb'; default 1 MB (413 beyond). */
  limit?: number | string
}

/** What the middleware adds to a request it lets through. */
export interface ChatwootWebhookRequest {
  /** The verified webhook: its timestamp, age, delivery id and replay key. */
  chatwootWebhook: VerifiedWebhook
  /** The event: the verified body, parsed as JSON. */
  body: unknown
  /** The exact bytes that were verified. */
  rawBody: Buffer
}

/**
 * A middleware that verifies a Chatwoot webhook before the handler: 401 with
 * `{ error: code, message }` when it does not verify (the handler is not called), else
 * `req.chatwootWebhook`, `req.body` (the parsed event) and `req.rawBody` are set. It reads the
 * body itself unless `express.raw()` or an `express.json({ verify })` capture kept the bytes; a
 * body another parser consumed answers 500 `raw_body_unavailable`, logged with the fix.
 */
export declare function chatwootWebhook<Req extends IncomingMessage = IncomingMessage, Res extends ServerResponse = ServerResponse>(
  options?: ChatwootWebhookOptions,
): (req: Req, res: Res, next: (error?: unknown) => void) => void
