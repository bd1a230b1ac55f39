'use strict'

// The webhook calls: their options objects are read here and the results built here, since a
// property read or write costs a Node-API call in the addon and next to nothing in JavaScript.
// This only takes containers apart (every header container becomes a flat list of names and
// values) and checks the types of the options; which headers count, case, duplicates and what
// a value must be are the core's rules, applied to what the native functions are passed. The
// messages are those the addon gave, word for word (tests pin them).
const { argumentError, typeError } = require('./argument-errors.js')
const native = require('./native.js')

const REQUEST_OPTIONS = 'an object with headers, or with signature and timestamp'
const HEADERS = 'options.headers'
const HEADERS_TYPES = 'req.headers, a Headers object, a Map, an array of [name, value] pairs or req.rawHeaders'
const VALUE_TYPES = 'a string or an array of strings'
const SECONDS = 'a number (Unix time in seconds)'
// Unix seconds stay below this until the year 5138; Unix milliseconds have been above it since
// 1973, so a larger `now` is `Date.now()` passed as is.
const MILLISECONDS_FROM = 100_000_000_000
const NOW_RANGE = 'Unix time in seconds, from 0 (Date.now() is milliseconds: divide it by 1000)'
const ANY_SECONDS = Number.MAX_SAFE_INTEGER + 1
const SECONDS_RANGE = 'Unix time in seconds, from 0 to Number.MAX_SAFE_INTEGER'
const REPLAY_KEY_LENGTH = native.HASH_LENGTH // the signature's hex

// Errors as the addon builds them: the parameter named first.
const wrongType = (param, expected) => typeError(`${param} must be ${expected}`)
const invalidValue = (param, problem) => argumentError(TypeError, 'ERR_INVALID_ARG_VALUE', `${param} ${problem}`)
const outOfRange = (param, limit) => argumentError(RangeError, 'ERR_OUT_OF_RANGE', `${param} must be ${limit}`)

/** `undefined` or `null`: an option, or a header value, not given. */
const absent = (value) => value === undefined || value === null

function text(value, param, expected) {
  if (typeof value !== 'string') throw wrongType(param, expected)
  return value
}

/** One header: a string value is one pair, an array of strings one pair per element. */
function pushHeader(list, name, value, param) {
  if (!Array.isArray(value)) {
    list.push(name, text(value, param, VALUE_TYPES))
    return
  }
  for (let i = 0; i < value.length; i++) list.push(name, text(value[i], `${param}[${i}]`, 'a string'))
}

/**
 * An array of `[name, value]` pairs, or a flat `[name, value, name, value, ...]` list (what
 * Node's `req.rawHeaders` is), told apart by the first element.
 */
function pushArray(list, array) {
  if (array.length === 0) return
  if (typeof array[0] === 'string') {
    if (array.length % 2 !== 0) throw wrongType(HEADERS, 'a flat list of names and values (req.rawHeaders) of even length')
    for (let i = 0; i < array.length; i++) list.push(text(array[i], `${HEADERS}[${i}]`, 'a string'))
    return
  }
  for (let i = 0; i < array.length; i++) {
    const pair = array[i]
    const at = `${HEADERS}[${i}]`
    if (!Array.isArray(pair) || pair.length !== 2) throw wrongType(at, 'a [name, value] pair')
    pushHeader(list, text(pair[0], `${at}[0]`, 'a string'), pair[1], `${at}[1]`)
  }
}

/**
 * `options.headers` in any shape Node code holds them, as a flat list of names and values:
 * `req.headers` or any plain object (its own enumerable keys; an `undefined` value skipped),
 * `req.rawHeaders`, an array of pairs, or any other iterable of pairs (a Fetch `Headers`, a
 * `Map`), read with `Array.from`.
 */
function headerList(headers) {
  if (typeof headers !== 'object' || headers === null) throw wrongType(HEADERS, HEADERS_TYPES)
  const list = []
  if (Array.isArray(headers)) {
    pushArray(list, headers)
  } else if (typeof headers[Symbol.iterator] === 'function') {
    pushArray(list, Array.from(headers))
  } else {
    for (const name of Object.keys(headers)) {
      const value = headers[name]
      if (value !== undefined) pushHeader(list, name, value, `${HEADERS}[${JSON.stringify(name)}]`)
    }
  }
  return list
}

/**
 * Fills `read` with the signed headers of `options`: `headers`, or `signature` and `timestamp`,
 * exactly one of the two forms. A `signature` or `timestamp` that is `undefined` or `null` is an
 * absent header (what `req.get()` and `headers.get()` return for one): the core reports it.
 */
function readSigned(options, read) {
  if (typeof options !== 'object' || options === null) throw wrongType('options', REQUEST_OPTIONS)
  const { headers, signature, timestamp } = options
  const noValues = absent(signature) && absent(timestamp)
  if (headers !== undefined) {
    if (!noValues) throw invalidValue('options', 'must have headers, or signature and timestamp, not both')
    read.headers = headerList(headers)
    return
  }
  if (noValues && !('signature' in options) && !('timestamp' in options)) {
    throw invalidValue('options', 'must have headers (the request\'s headers), or signature and timestamp (the header values)')
  }
  read.signature = signature
  read.timestamp = timestamp
}

/** Unix seconds below `limit` (the native side drops a fraction), or `undefined` for the clock. */
function seconds(value, param, limit, range) {
  if (value === undefined) return undefined
  if (typeof value !== 'number') throw wrongType(param, SECONDS)
  if (!(value >= 0 && value < limit)) throw outOfRange(param, range)
  return value
}

/** `tolerance` and `checkAge`, as the native side takes them: `undefined` for the default, `null` unchecked. */
function tolerance(options) {
  if (absent(options)) return undefined
  if (typeof options !== 'object') throw wrongType('options', REQUEST_OPTIONS)
  const { tolerance, checkAge } = options
  if (checkAge !== undefined && typeof checkAge !== 'boolean') throw wrongType('options.checkAge', 'a boolean')
  if (tolerance === undefined) return checkAge === false ? null : undefined
  if (typeof tolerance !== 'number') throw wrongType('options.tolerance', 'a number of seconds')
  if (checkAge === false) throw invalidValue('options', 'must not have both a tolerance and checkAge: false (which checks no age)')
  if (!(tolerance >= 0 && Number.isSafeInteger(tolerance))) {
    throw outOfRange('options.tolerance', 'a whole number of seconds from 0 (checkAge: false turns the age check off)')
  }
  return tolerance
}

/**
 * What one call read from its options. When reading fails, the arguments before the options
 * (and the header values read so far) are checked first, so that errors come in the order of
 * the arguments; a getter's own exception is thrown as it is.
 */
class Read {
  constructor() {
    this.signature = undefined
    this.timestamp = undefined
    this.headers = undefined
  }

  failed(problem, secret, body) {
    native.webhookArgumentTypes(secret, body, this.signature, this.timestamp)
    throw problem
  }
}

// The numbers of a verification, written by the addon: timestamp, age, whether a delivery id came.
const numbers = new Float64Array(3)

/** The result object of a verification: the addon returns the replay key and delivery id as one string. */
function verified(keyAndId) {
  return {
    timestamp: numbers[0],
    age: numbers[1],
    deliveryId: numbers[2] ? keyAndId.slice(REPLAY_KEY_LENGTH) : null,
    replayKey: keyAndId.slice(0, REPLAY_KEY_LENGTH),
  }
}

// A verifier call has no secret argument: this stands for one of the right type.
const NO_ARGUMENT = ''

/**
 * Verifies a webhook from Chatwoot: its raw body (a `Buffer` or the exact text) and either the
 * request's `headers` or the `signature` and `timestamp` header values. Throws `Error` with the
 * core's `code` (`signature_mismatch`, `stale_timestamp`, ...) when it does not verify.
 */
function verifyWebhook(secret, body, options) {
  const read = new Read()
  let now, tolerated
  try {
    readSigned(options, read)
    now = seconds(options.now, 'options.now', MILLISECONDS_FROM, NOW_RANGE)
    tolerated = tolerance(options)
  } catch (problem) {
    read.failed(problem, secret, body)
  }
  const { signature, timestamp, headers } = read
  return verified(native.webhookVerify(secret, tolerated, body, signature, timestamp, headers, now, numbers))
}

/**
 * A webhook secret prepared once, with its tolerance: cheaper per request than `verifyWebhook`,
 * and safe to share. It never reveals the secret.
 */
class WebhookVerifier extends native.NativeWebhookVerifier {
  constructor(secret, options) {
    let tolerated
    try {
      tolerated = tolerance(options)
    } catch (problem) {
      new Read().failed(problem, secret, NO_ARGUMENT)
    }
    super(secret, tolerated)
  }

  /**
   * Verifies one webhook: the raw body, and either the request's `headers` or the `signature`
   * and `timestamp` values; `now` (Unix seconds) defaults to the clock.
   */
  verify(body, options) {
    const read = new Read()
    let now
    try {
      readSigned(options, read)
      now = seconds(options.now, 'options.now', MILLISECONDS_FROM, NOW_RANGE)
    } catch (problem) {
      read.failed(problem, NO_ARGUMENT, body)
    }
    return verified(this.verifyRequest(body, read.signature, read.timestamp, read.headers, now, numbers))
  }
}

/**
 * Why a webhook does not verify: `verified`, and the known mistakes that reproduce its signature.
 * `options` holds the headers as for `verifyWebhook`, and `identityHmacToken` to try the inbox's token.
 */
function diagnoseWebhook(secret, body, options) {
  const read = new Read()
  let token
  try {
    readSigned(options, read)
    token = options.identityHmacToken
  } catch (problem) {
    read.failed(problem, secret, body)
  }
  return native.webhookDiagnose(secret, body, read.signature, read.timestamp, read.headers, token)
}

/**
 * Signs `body` as Chatwoot would at `timestamp` (Unix seconds, default now), for tests of a
 * receiver: the header values and `headers`, an object to send (a random delivery id).
 */
function signWebhook(secret, body, timestamp) {
  let at
  try {
    at = seconds(timestamp, 'timestamp', ANY_SECONDS, SECONDS_RANGE)
  } catch (problem) {
    new Read().failed(problem, secret, body)
  }
  const [signature, signedAt, deliveryId, ...headers] = native.webhookSign(secret, body, at)
  const sent = {}
  for (let i = 0; i < headers.length; i += 2) sent[headers[i]] = headers[i + 1]
  return { signature, timestamp: signedAt, deliveryId, headers: sent }
}

module.exports = { verifyWebhook, WebhookVerifier, signWebhook, diagnoseWebhook }
