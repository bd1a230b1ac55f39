// Types of `chatwoot-identity/express` (`express.js` and `express.mjs`). Structural request and
// response types: the package does not depend on Express or its types.
import type { Bytes, Signer, WidgetSettings, WidgetUser } from './index'

/** The part of a response the middleware uses: Express's `res.locals`. */
export interface ResponseWithLocals {
  locals: Record<string, unknown>
}

export interface ChatwootWidgetOptions<Req = any, Res extends ResponseWithLocals = any> {
  /**
   * The Chatwoot installation, e.g. `https://app.chatwoot.com`. `undefined` is accepted so that
   * `process.env.CHATWOOT_BASE_URL` can be passed as is: a missing value throws at start-up.
   */
  baseUrl: string | undefined
  /** The inbox's website token (`process.env.CHATWOOT_WEBSITE_TOKEN`); checked at start-up. */
  websiteToken: string | undefined
  /**
   * The inbox's HMAC secret (`process.env.CHATWOOT_HMAC_SECRET`), or a `Signer` prepared from
   * it. Missing, empty, or the website token instead: the constructor throws, naming it.
   */
  hmacSecret: Bytes | Signer | undefined
  /** The logged-in user of `req`, or `null`/`undefined` for an anonymous visitor; may be async. */
  user: (req: Req) => WidgetUser | null | undefined | Promise<WidgetUser | null | undefined>
  /** The request's CSP nonce; by default `res.locals.cspNonce`. */
  nonce?: (req: Req, res: Res) => string | null | undefined
  settings?: WidgetSettings
  /** Explain a rejected identity in the browser console (development only). */
  debug?: boolean
  /** `false`: render nothing (`res.locals.chatwootWidget = ''`), and need no other option. Default `true`. */
  enabled?: boolean
  /**
   * `true`: a user the widget cannot take (no name, email or avatar; a wrong field) goes to
   * `next(err)`. `false`: the visitor widget is rendered and `logger.warn` told. Default: `true`
   * only when `NODE_ENV` is `development` or `test`.
   */
  strict?: boolean
  /** Where the warnings go; default `console`. */
  logger?: { warn(message: string): void }
}

/** Options of `chatwootAutoInject`: those of `chatwootWidget`. */
export type ChatwootAutoInjectOptions<Req = any, Res extends ResponseWithLocals = any> = ChatwootWidgetOptions<Req, Res>

/** An Express/Connect middleware. */
export type Middleware<Req = any, Res = any> = (req: Req, res: Res, next: (error?: unknown) => void) => void

/**
 * A middleware that sets `res.locals.chatwootWidget` to the `<script>` element of the widget
 * for the request's user ('' for requests that are not for a page). The options are checked
 * once, when it is created.
 */
export declare function chatwootWidget<Req = any, Res extends ResponseWithLocals = any>(
  options: ChatwootWidgetOptions<Req, Res>,
): Middleware<Req, Res>

/**
 * Opt-in: inserts the widget's snippet before `</body>` of the HTML responses sent whole
 * (`res.send`, `res.end(body)`); never into other types, streamed or compressed responses, pages
 * that already hold a widget, or when `res.locals.chatwootWidget = false` (per-request opt-out).
 */
export declare function chatwootAutoInject<Req = any, Res extends ResponseWithLocals = any>(
  options: ChatwootAutoInjectOptions<Req, Res>,
): Middleware<Req, Res>
export * from './express-webhook'
