// Types of the package entry points (`index.js` and `index.mjs`). The functions and classes
// are declared in `binding.d.ts`, generated from the Rust doc comments; what `index.js` adds
// (the two batch methods, `setUserPayload`, `widgetConfig`, `errorCodes`), the widget's input types and the
// webhook calls (`webhook.js`), their options and results are declared here.
export { identifierHash, verify, diagnose, Signer, widgetScript, resetScript } from './binding'
export type { Diagnosis, Finding, WebhookDiagnosis } from './binding'
import type { Signer, WebhookDiagnosis } from './binding'

/** What a secret or an `identifier_hash` may be given as. */
export type Bytes = string | Uint8Array

/** What an identifier may be given as: text, bytes, a safe integer or a bigint. */
export type Identifier = string | Uint8Array | number | bigint

/**
 * Every `err.code` of the core's table. A test checks this list against the compiled module's
 * (`errorCodes`), so a code the core adds cannot be missing here. Wrong argument types carry
 * Node's own `ERR_INVALID_ARG_TYPE` (and a bigint identifier beyond 128 bits `ERR_OUT_OF_RANGE`).
 */
export type ErrorCode =
  | 'empty_secret'
  | 'empty_identifier'
  | 'missing_secret'
  | 'invalid_base_url'
  | 'invalid_website_token'
  | 'invalid_nonce'
  | 'incomplete_user'
  | 'invalid_widget_request'
  | 'missing_signature'
  | 'malformed_signature'
  | 'missing_timestamp'
  | 'malformed_timestamp'
  | 'stale_timestamp'
  | 'future_timestamp'
  | 'signature_mismatch'

/** Each code of the core's table with its one-sentence summary, in the table's order. */
export declare const errorCodes: Readonly<Record<ErrorCode, string>>

/**
 * A custom contact attribute: text, a boolean, a finite number or a bigint from -(2n ** 127n) to
 * 2n ** 127n - 1 (beyond is an `invalid_widget_request` error).
 */
export type CustomAttributeValue = string | number | boolean | bigint

/**
 * The logged-in user. `identifier` and at least one of `name`, `email` and `avatarUrl` are
 * required (Chatwoot's `setUser` refuses a user without them). `null` or `undefined` fields are
 * left out; an unknown field is an `invalid_widget_request` error.
 */
export interface WidgetUser {
  /** The user's stable id: text, a safe integer or a bigint (sent as its decimal text). */
  identifier: string | number | bigint
  name?: string | null
  email?: string | null
  avatarUrl?: string | null
  phoneNumber?: string | null
  description?: string | null
  countryCode?: string | null
  city?: string | null
  companyName?: string | null
  /** Handles by network: `twitter`, `linkedin`, `facebook`, `github`, ... */
  socialProfiles?: Readonly<Record<string, string | undefined>>
  /** An `undefined` value is left out; `null` is refused (Chatwoot stores no null). */
  customAttributes?: Readonly<Record<string, CustomAttributeValue | undefined>>
}

/** `window.chatwootSettings`, in the widget's own names; unset ones keep the widget's defaults. */
export interface WidgetSettings {
  locale?: string | null
  useBrowserLanguage?: boolean | null
  position?: 'left' | 'right' | null
  type?: 'standard' | 'expanded_bubble' | null
  launcherTitle?: string | null
  hideMessageBubble?: boolean | null
  showUnreadMessagesDialog?: boolean | null
  showPopoutButton?: boolean | null
  darkMode?: 'light' | 'auto' | 'dark' | null
  baseDomain?: string | null
  widgetStyle?: 'standard' | 'flat' | null
  welcomeTitle?: string | null
  welcomeDescription?: string | null
  availableMessage?: string | null
  unavailableMessage?: string | null
  enableFileUpload?: boolean | null
  enableEmojiPicker?: boolean | null
  enableEndConversation?: boolean | null
}

/** What `widgetScript` takes: one widget request, and the secret that signs its user. */
export interface WidgetScriptOptions {
  /** The Chatwoot installation, e.g. `https://app.chatwoot.com` (absolute http(s), no credentials). */
  baseUrl: string
  /** The inbox's website token (Settings > Inboxes > your inbox > Configuration). */
  websiteToken: string
  /** The inbox's HMAC secret, or a `Signer` prepared from it; required to sign a `user`. */
  hmacSecret?: Bytes | Signer | null
  /** The logged-in user, or nothing for an anonymous visitor. */
  user?: WidgetUser | null
  settings?: WidgetSettings
  /** The request's CSP nonce, if the page's policy uses one. */
  nonce?: string | null
  /** Explain a rejected identity in the browser console (development only). */
  debug?: boolean
}

/**
 * What `widgetConfig` returns: the document the widget's loader reads (the one `widgetScript`
 * embeds), for `<ChatwootWidget config>` from `chatwoot-identity/react`. Plain JSON values, so
 * a server component can pass it to a client component as a prop. Treat it as opaque.
 */
export interface WidgetLoaderConfig {
  baseUrl: string
  websiteToken: string
  /** `window.chatwootSettings`, in the widget's own names. */
  settings?: Record<string, string | boolean>
  /** The signed-in user, absent for an anonymous visitor (the widget then forgets any user). */
  user?: {
    identifier: string
    /** `setUser`'s second argument, with `identifier_hash`. */
    attributes: Omit<UserPayload, 'identifier'>
    /** Names the identity in the browser's memory of who was signed in (not the hash). */
    marker: string
    /** Changes when any field of the payload changes, so the widget is sent it again. */
    digest: string
  }
  nonce?: string
  debug?: boolean
}

/**
 * The widget's config for one request (same options as `widgetScript`), as a plain object for
 * `<ChatwootWidget config={...} />` (`chatwoot-identity/react`) to apply in the browser.
 */
export declare function widgetConfig(options: WidgetScriptOptions): WidgetLoaderConfig

/** What `setUserPayload` returns: Chatwoot's own snake_case field names. */
export interface UserPayload {
  /** Always a string, even for numeric ids: a JavaScript number above 2^53 would lose digits. */
  identifier: string
  identifier_hash: string
  name?: string
  email?: string
  avatar_url?: string
  phone_number?: string
  description?: string
  country_code?: string
  city?: string
  company_name?: string
  social_profiles?: Record<string, string>
  custom_attributes?: Record<string, string | number | boolean>
}

/**
 * The object a server hands to a single-page app (`window.$chatwoot.setUser(p.identifier, p)`)
 * or to the React Native widget's `user` prop, with `identifier_hash` filled in. It is the
 * payload's JSON read with `JSON.parse`, as the browser reads it: a bigint custom attribute
 * beyond `Number.MAX_SAFE_INTEGER` is the nearest number here (the snippet of `widgetScript`
 * sends every digit, which the browser reads the same way).
 */
export declare function setUserPayload(hmacSecret: Bytes | Signer, user: WidgetUser): UserPayload

declare module './binding' {
  interface Signer {
    /**
     * The hashes of many identifiers, in order; large batches use every core. Blocks the
     * event loop while it runs: in a server prefer `identifierHashesAsync`. Throws `Error`
     * with `code: 'empty_identifier'` naming the index of an empty identifier.
     */
    identifierHashes(identifiers: ReadonlyArray<Identifier>): string[]
    /**
     * Like `identifierHashes`, but hashes on Node's thread pool so the event loop keeps
     * serving requests. Bad argument types throw at once; an empty identifier rejects.
     */
    identifierHashesAsync(identifiers: ReadonlyArray<Identifier>): Promise<string[]>
  }
}

/**
 * A request's headers, as Node code holds them: `req.headers` (any object of names to a string
 * or an array of strings), `req.rawHeaders` (a flat list of names and values), an array of
 * `[name, value]` pairs, or any iterable of pairs (a Fetch `Headers`, a `Map`). Names are matched
 * ignoring case; a signed header sent twice is refused.
 */
export type WebhookHeadersInit =
  | Readonly<Record<string, string | ReadonlyArray<string> | undefined>>
  | ReadonlyArray<string>
  | ReadonlyArray<readonly [string, string | ReadonlyArray<string>]>
  | Iterable<readonly [string, string]>

/** The webhook's headers as the request's whole header list. */
export interface WebhookHeadersForm {
  headers: WebhookHeadersInit
  signature?: undefined
  timestamp?: undefined
}

/**
 * The webhook's headers as the two values, `X-Chatwoot-Signature` and `X-Chatwoot-Timestamp`;
 * `undefined` or `null` for a header the request lacks (what `req.get()` returns then).
 */
export interface WebhookValuesForm {
  signature: Bytes | null | undefined
  timestamp: Bytes | null | undefined
  headers?: undefined
}

/** How far a webhook's timestamp may be from now. */
export interface WebhookVerifierOptions {
  /** Seconds either way, default 300; 0 accepts only the current second. */
  tolerance?: number
  /** `false` turns the age check off (only for stored requests: a captured one stays valid). */
  checkAge?: boolean
}

/** What `WebhookVerifier#verify` takes: the headers in one form, and the clock. */
export type WebhookRequestOptions = (WebhookHeadersForm | WebhookValuesForm) & {
  /** The current Unix time in seconds (a fraction is dropped); default the system clock. */
  now?: number
}

/** What `verifyWebhook` takes: the headers in one form, the clock and the tolerance. */
export type VerifyWebhookOptions = WebhookRequestOptions & WebhookVerifierOptions

/** What `diagnoseWebhook` takes: the headers in one form, and the inbox's identity token. */
export type DiagnoseWebhookOptions = (WebhookHeadersForm | WebhookValuesForm) & {
  /** The inbox's identity-validation `hmac_token`, tried as the key when given. */
  identityHmacToken?: Bytes | null
}

/** A webhook that verified: Chatwoot signed this body at `timestamp`, within the tolerance. */
export interface VerifiedWebhook {
  /** When Chatwoot signed it, in Unix seconds. */
  timestamp: number
  /** `now - timestamp` in seconds; negative for a timestamp ahead of now (within the tolerance). */
  age: number
  /**
   * `X-Chatwoot-Delivery` (given in the `headers` form), or `null`. Not signed: use it to
   * process each delivery once (Chatwoot retries with the same id), not against replays.
   */
  deliveryId: string | null
  /**
   * The key to remember this request by against replays (the signature's 64 hex characters):
   * store it for twice the tolerance and drop a request seen before. Keep it out of logs.
   */
  replayKey: string
}

/** The headers Chatwoot would send with a body, from `signWebhook`. */
export interface SignedWebhook {
  /** `X-Chatwoot-Signature`: `sha256=` and 64 lowercase hex characters. */
  signature: string
  /** `X-Chatwoot-Timestamp`: the Unix seconds, in decimal. */
  timestamp: string
  /** `X-Chatwoot-Delivery`: a random UUID. */
  deliveryId: string
  /** The three headers, to pass to `fetch` or back to `verifyWebhook`. */
  headers: {
    'X-Chatwoot-Timestamp': string
    'X-Chatwoot-Signature': string
    'X-Chatwoot-Delivery': string
  }
}

/**
 * Verifies a webhook from Chatwoot: its raw body (a `Buffer` or the exact text) and either the
 * request's `headers` or the `signature` and `timestamp` header values. Throws `Error` with
 * the core's `code` (`signature_mismatch`, `stale_timestamp`, ...) when it does not verify.
 */
export declare function verifyWebhook(secret: string | Uint8Array, body: string | Uint8Array, options: VerifyWebhookOptions): VerifiedWebhook

/**
 * A webhook secret prepared once, with its tolerance: cheaper per request than
 * `verifyWebhook`, and safe to share. It never reveals the secret.
 */
export declare class WebhookVerifier {
  /**
   * Prepares the webhook's `secret` (Chatwoot: the webhook's, agent bot's or API inbox's
   * secret, not the inbox's identity-validation token). `tolerance` is in seconds (default
   * 300); `checkAge: false` turns the age check off. Throws `empty_secret` when it is empty.
   */
  constructor(secret: string | Uint8Array, options?: WebhookVerifierOptions)
  /**
   * Verifies one webhook: the raw body, and either the request's `headers` or the
   * `signature` and `timestamp` values; `now` (Unix seconds) defaults to the clock.
   */
  verify(body: string | Uint8Array, options: WebhookRequestOptions): VerifiedWebhook
  /** The tolerance in seconds, or `null` when the age is not checked. */
  get tolerance(): number | null
  /** Whether the timestamp's age is checked. */
  get checkAge(): boolean
}

/**
 * Signs `body` as Chatwoot would at `timestamp` (Unix seconds, default now), for tests of a
 * receiver: the header values and `headers`, an object to send (a random delivery id).
 */
export declare function signWebhook(secret: string | Uint8Array, body: string | Uint8Array, timestamp?: number): SignedWebhook

/**
 * Why a webhook does not verify: `verified`, and the known mistakes that reproduce its
 * signature (the body re-serialized, the identity token as the key, ...). `options` holds
 * the headers as for `verifyWebhook`, and `identityHmacToken` to try the inbox's token. For
 * debugging: it costs a few dozen HMACs of the body.
 */
export declare function diagnoseWebhook(secret: string | Uint8Array, body: string | Uint8Array, options: DiagnoseWebhookOptions): WebhookDiagnosis
