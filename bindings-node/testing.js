'use strict'

// `require('chatwoot-identity/testing')`: assertions for an integrator's own test suite
// (node:test, Jest, Vitest, Mocha): which identity will this rendered page (or set-user
// payload) send to Chatwoot, and will Chatwoot accept it? The core reads the page and checks
// it (`check_page_identity` and friends); this file only turns a failed check into
// `assert.AssertionError`, whose message lists the core's problems (a rejected hash explained
// by `diagnose`). No HTML is parsed here, and the secret never appears in a message.
const assert = require('node:assert')
const { typeError } = require('./argument-errors.js')
const binding = require('./native.js')

function text(value, name) {
  if (typeof value !== 'string') throw typeError(`${name} must be a string`)
  return value
}

/** `identifier` as Chatwoot receives it: text, or an integer as its decimal text. */
function identifierText(identifier) {
  if (typeof identifier === 'string') return identifier
  if (typeof identifier === 'bigint' || Number.isSafeInteger(identifier)) return String(identifier)
  throw typeError('options.identifier must be a string, a safe integer or a bigint')
}

function expectation(options, caller) {
  if (options === null || typeof options !== 'object') {
    throw typeError(`${caller}: options must be an object { identifier, hmacSecret, fields? }`)
  }
  const { identifier, hmacSecret, fields = {}, ...unknown } = options
  const extra = Object.keys(unknown)
  if (extra.length) throw typeError(`${caller}: unknown option ${JSON.stringify(extra[0])}`)
  if (fields === null || typeof fields !== 'object' || Array.isArray(fields)) {
    throw typeError(`${caller}: options.fields must be an object of payload keys (email, custom_attributes, ...)`)
  }
  return { identifier: identifierText(identifier), hmacSecret, fields: JSON.stringify(fields) }
}

function fail(check, caller, expected, stackStartFn) {
  if (check.passed) return check
  throw new assert.AssertionError({
    message: `${caller}: ${check.problems.map((problem) => problem.message).join('\n')}`,
    actual: check.widget,
    expected,
    operator: caller,
    stackStartFn,
  })
}

/** What the widget snippets in `html` will do: `{ snippets, resets, user, ... }`. */
function readChatwootPage(html) {
  return JSON.parse(binding.readPageJson(text(html, 'html')))
}

/** The core's check of `html` against `{ identifier, hmacSecret, fields? }`, without throwing. */
function checkChatwootIdentifies(html, options) {
  const { identifier, hmacSecret, fields } = expectation(options, 'checkChatwootIdentifies')
  return JSON.parse(binding.checkIdentityJson(false, text(html, 'html'), hmacSecret, identifier, fields))
}

/** Throws `assert.AssertionError` unless `html` identifies `identifier` with a hash that verifies. */
function assertChatwootIdentifies(html, options) {
  const { identifier, hmacSecret, fields } = expectation(options, 'assertChatwootIdentifies')
  const check = JSON.parse(binding.checkIdentityJson(false, text(html, 'html'), hmacSecret, identifier, fields))
  return fail(check, 'assertChatwootIdentifies', { identifier }, assertChatwootIdentifies).widget
}

/** Throws `assert.AssertionError` unless `html` identifies nobody (anonymous widget or a reset). */
function assertChatwootAnonymous(html) {
  const check = JSON.parse(binding.checkPageAnonymousJson(text(html, 'html')))
  return fail(check, 'assertChatwootAnonymous', { user: null }, assertChatwootAnonymous).widget
}

/** Throws unless `payload` (`setUserPayload`'s object, or its JSON text) identifies `identifier`. */
function assertChatwootPayloadIdentifies(payload, options) {
  const { identifier, hmacSecret, fields } = expectation(options, 'assertChatwootPayloadIdentifies')
  const json = typeof payload === 'string' ? payload : JSON.stringify(payload ?? null)
  const check = JSON.parse(binding.checkIdentityJson(true, json, hmacSecret, identifier, fields))
  return fail(check, 'assertChatwootPayloadIdentifies', { identifier }, assertChatwootPayloadIdentifies).widget
}

module.exports = {
  assertChatwootIdentifies,
  assertChatwootAnonymous,
  assertChatwootPayloadIdentifies,
  checkChatwootIdentifies,
  readChatwootPage,
}
