// Types of the package entry points (`index.js` and `index.mjs`). The functions and classes
// are declared in `binding.d.ts`, generated from the Rust doc comments; what `index.js` adds
// (the two batch methods, `widgetScript`, `setUserPayload`) and the widget's option types are
// declared here.
export { identifierHash, verify, diagnose, Signer, WidgetConfig, resetScript } from './binding'
export type { Diagnosis, Finding } from './binding'
import type { WidgetConfig } from './binding'

/** What a secret or an `identifier_hash` may be given as. */
export type Bytes = string | Uint8Array

/** What an identifier may be given as: text, bytes, a safe integer or a bigint. */
export type Identifier = string | Uint8Array | number | bigint

/** A custom contact attribute: text, a boolean, a finite number or a 64-bit bigint. */
export type CustomAttributeValue = string | number | boolean | bigint

/**
 * The logged-in user, in camelCase. `identifier` and at least one of `name`, `email` and
 * `avatarUrl` are required (Chatwoot's `setUser` refuses a user without them). `null` or
 * `undefined` fields are left out; unknown fields are a `TypeError`.
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
  socialProfiles?: Readonly<Record<string, string | null | undefined>> | null
  customAttributes?: Readonly<Record<string, CustomAttributeValue | null | undefined>> | null
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
  darkMode?: 'light' | 'auto' | null
  baseDomain?: string | null
}

/** What `new WidgetConfig(options)` and `widgetScript(options, ...)` take. */
export interface WidgetConfigOptions {
  /** The Chatwoot installation, e.g. `https://app.chatwoot.com` (absolute http(s), no credentials). */
  baseUrl: string
  /** The inbox's website token (Settings > Inboxes > your inbox > Configuration). */
  websiteToken: string
  /** The inbox's HMAC secret; required to sign a logged-in user. */
  hmacSecret?: Bytes | null
  settings?: WidgetSettings | null
}

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
 * The complete `<script>` element for a server-rendered page: Chatwoot's loader, the settings
 * and, for a logged-in `user`, `setUser` with its `identifier_hash`, every value escaped.
 * `config` is a prepared `WidgetConfig` or its options (prepared on each call).
 */
export declare function widgetScript(
  config: WidgetConfig | WidgetConfigOptions,
  user?: WidgetUser | null,
  nonce?: string | null,
): string

/**
 * The object a server hands to a single-page app (`window.$chatwoot.setUser(p.identifier, p)`)
 * or to the React Native widget's `user` prop, with `identifier_hash` filled in.
 */
export declare function setUserPayload(secret: Bytes, user: WidgetUser): UserPayload

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
