// Types of `chatwoot-identity/testing` (`testing.js` and `testing.mjs`).
import type { Bytes } from './index'

/** The user a page identifies, as the core reads it back from the snippet. */
export interface PageUser {
  identifier: string
  identifier_hash: string
  /** Every attribute sent to `setUser`, in Chatwoot's snake_case names. */
  attributes: Record<string, unknown>
}

/** What the widget snippets on a page will do. */
export interface PageWidget {
  snippets: number
  resets: number
  escaped_snippets: number
  base_url: string | null
  website_token: string | null
  user: PageUser | null
}

export type PageProblemCode =
  | 'no_widget'
  | 'escaped_widget'
  | 'several_widgets'
  | 'anonymous'
  | 'unexpected_user'
  | 'wrong_identifier'
  | 'hash_mismatch'
  | 'field_mismatch'
  | 'malformed_payload'
  | (string & {})

export interface PageCheck {
  passed: boolean
  problems: { code: PageProblemCode; message: string }[]
  widget: PageWidget
}

export interface IdentityExpectation {
  /** The identifier the page must send (integers as Chatwoot's decimal text). */
  identifier: string | number | bigint
  /** The inbox's HMAC secret: the hash on the page must verify with it. */
  hmacSecret: Bytes
  /** Payload fields that must have these values, in Chatwoot's names (`email`, `custom_attributes`). */
  fields?: Record<string, unknown>
}

/** Throws `assert.AssertionError` unless `html` identifies the user with a hash that verifies. */
export declare function assertChatwootIdentifies(html: string, expected: IdentityExpectation): PageWidget
/** Throws `assert.AssertionError` unless `html` identifies nobody. */
export declare function assertChatwootAnonymous(html: string): PageWidget
/** Throws `assert.AssertionError` unless the set-user payload identifies the user. */
export declare function assertChatwootPayloadIdentifies(payload: object | string, expected: IdentityExpectation): PageWidget
/** The check behind `assertChatwootIdentifies`, returned instead of thrown. */
export declare function checkChatwootIdentifies(html: string, expected: IdentityExpectation): PageCheck
/** What the widget snippets on `html` will do. */
export declare function readChatwootPage(html: string): PageWidget
