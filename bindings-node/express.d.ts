// Types of `chatwoot-identity/express` (`express.js` and `express.mjs`). Structural request and
// response types: the package does not depend on Express or its types.
import type { Bytes, Signer, WidgetSettings, WidgetUser } from './index'

/** The part of a response the middleware uses: Express's `res.locals`. */
export interface ResponseWithLocals {
  locals: Record<string, unknown>
}

export interface ChatwootWidgetOptions<Req = any, Res extends ResponseWithLocals = any> {
  /** The Chatwoot installation, e.g. `https://app.chatwoot.com`. */
  baseUrl: string
  /** The inbox's website token. */
  websiteToken: string
  /** The inbox's HMAC secret, or a `Signer` prepared from it, which signs each user's identifier. */
  hmacSecret: Bytes | Signer
  /** The logged-in user of `req`, or `null`/`undefined` for an anonymous visitor; may be async. */
  user: (req: Req) => WidgetUser | null | undefined | Promise<WidgetUser | null | undefined>
  /** The request's CSP nonce; by default `res.locals.cspNonce`. */
  nonce?: (req: Req, res: Res) => string | null | undefined
  settings?: WidgetSettings
  /** Explain a rejected identity in the browser console (development only). */
  debug?: boolean
}

/**
 * A middleware that sets `res.locals.chatwootWidget` to the `<script>` element of the widget
 * for the request's user. The options are checked once, when it is created.
 */
export declare function chatwootWidget<Req = any, Res extends ResponseWithLocals = any>(
  options: ChatwootWidgetOptions<Req, Res>,
): (req: Req, res: Res, next: (error?: unknown) => void) => void
export * from './express-webhook'
