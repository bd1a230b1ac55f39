'use strict'

// `chatwootWebhook()` of `chatwoot-identity/express`: verifies Chatwoot's signed webhooks in
// front of a route. A plain `(req, res, next)` function that answers with Node's own `res`
// methods, so it serves Express, Connect or a bare `http.createServer` alike.
//
// The signature covers the raw body bytes, so the middleware needs them:
// - the request stream still unread (no body parser ran, or one skipped this content type):
//   it reads the body itself, at most `limit` bytes (413 beyond);
// - `express.raw()` ran: `req.body` is that Buffer;
// - `express.json({ verify: (req, res, buf) => { req.rawBody = buf } })` ran: `req.rawBody`;
// - any other parser already consumed the stream: the bytes are gone and no request can
//   verify. That is a route set up wrongly, not a forged request, so it answers 500 with
//   `raw_body_unavailable` and logs how to fix the route (once per middleware), instead of
//   failing every webhook with a 401 that looks like an attack.
const { typeError } = require('./argument-errors.js')
const { WebhookVerifier } = require('./index.js')

const DEFAULT_LIMIT = 1024 * 1024
const SECRET_ENV = 'CHATWOOT_WEBHOOK_SECRET'
const UNITS = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 }

const RAW_BODY_GONE =
  'chatwootWebhook: another body parser (express.json(), express.text(), ...) already read this ' +
  "request's body, so the raw bytes that Chatwoot signed are gone and no webhook can verify. " +
  'Mount chatwootWebhook() on the webhook route ahead of the parser ' +
  "(app.post('/webhooks/chatwoot', chatwootWebhook(options), handler) before app.use(express.json())), " +
  'or keep the bytes: express.json({ verify: (req, res, buf) => { req.rawBody = buf } }).'

/** `limit` as bytes: a number, or text such as '100kb' or '1mb' as Express's parsers take. */
function byteLimit(limit) {
  if (limit === undefined) return DEFAULT_LIMIT
  if (typeof limit === 'number' && Number.isSafeInteger(limit) && limit >= 0) return limit
  const match = typeof limit === 'string' && /^\s*(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?\s*$/i.exec(limit)
  if (match) return Math.floor(Number(match[1]) * UNITS[(match[2] ?? 'b').toLowerCase()])
  throw typeError("options.limit must be a number of bytes or a size such as '1mb'")
}

function send(res, status, error, message) {
  res.statusCode = status
  res.setHeader('Content-Type', 'application/json; charset=utf-8')
  res.end(JSON.stringify({ error, message }))
}

/** The raw body, if a parser before us kept it; `undefined` when the stream is still unread. */
function keptBody(req) {
  if (Buffer.isBuffer(req.body)) return req.body
  if (Buffer.isBuffer(req.rawBody)) return req.rawBody
  if (req._body === true || req.readableDidRead || req.readableEnded) return null
  return undefined
}

/** Reads the unread request stream, at most `limit` bytes. */
function readBody(req, limit) {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'])
    if (declared > limit) return resolve({ tooLarge: true })
    const chunks = []
    let length = 0
    function cleanup() {
      req.off('data', onData)
      req.off('end', onEnd)
      req.off('error', onError)
      req.off('aborted', onAborted)
    }
    function onData(chunk) {
      length += chunk.length
      if (length > limit) {
        cleanup()
        req.resume() // discard the rest; the 413 closes the connection
        return resolve({ tooLarge: true })
      }
      chunks.push(chunk)
    }
    function onEnd() {
      cleanup()
      resolve({ body: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, length) })
    }
    function onError(error) {
      cleanup()
      reject(error)
    }
    function onAborted() {
      cleanup()
      reject(Object.assign(new Error('the request was aborted while its body was read'), { code: 'ECONNABORTED', status: 400 }))
    }
    req.on('data', onData)
    req.on('end', onEnd)
    req.on('error', onError)
    req.on('aborted', onAborted)
  })
}

/**
 * A middleware that verifies a Chatwoot webhook before the route's handler. Its secret is
 * `options.secret` or the CHATWOOT_WEBHOOK_SECRET environment variable (the webhook's own
 * secret, not the inbox's identity-validation token); `tolerance` and `checkAge` as for
 * `WebhookVerifier`; `limit` bounds a body it reads itself (default 1 MB). Checked when created.
 */
function chatwootWebhook(options) {
  const { secret = process.env[SECRET_ENV], tolerance, checkAge, limit, ...unknown } = options ?? {}
  const extra = Object.keys(unknown)
  if (extra.length > 0) throw typeError(`chatwootWebhook: unknown option ${extra.join(', ')}`)
  const named = `options.secret (or the ${SECRET_ENV} environment variable)`
  if (secret === undefined || secret === null) {
    throw typeError(`chatwootWebhook: ${named} must be the webhook's secret from Chatwoot`)
  }
  let verifier = secret
  if (secret instanceof WebhookVerifier) {
    if (tolerance !== undefined || checkAge !== undefined) {
      throw typeError('chatwootWebhook: give tolerance and checkAge to the WebhookVerifier passed as options.secret')
    }
  } else {
    try {
      verifier = new WebhookVerifier(secret, { tolerance, checkAge })
    } catch (error) {
      // The core's message names `secret`; say where it came from.
      error.message = `chatwootWebhook: ${error.message.replace(/^secret\b/, named)}`
      throw error
    }
  }
  const maxBytes = byteLimit(limit)
  let warned = false

  function accept(req, res, next, body) {
    let webhook
    try {
      webhook = verifier.verify(body, { headers: req.headers })
    } catch (error) {
      if (typeof error.code !== 'string' || error instanceof TypeError) return next(error)
      return send(res, 401, error.code, error.message)
    }
    let event
    try {
      event = JSON.parse(body.toString('utf8'))
    } catch {
      return send(res, 400, 'invalid_json', 'the webhook is signed, but its body is not JSON')
    }
    req.chatwootWebhook = webhook
    req.rawBody = body
    req.body = event
    next()
  }

  return function chatwootWebhookMiddleware(req, res, next) {
    const kept = keptBody(req)
    if (kept === null) {
      if (!warned) {
        warned = true
        console.error(RAW_BODY_GONE)
      }
      return send(res, 500, 'raw_body_unavailable', RAW_BODY_GONE)
    }
    if (kept !== undefined) return accept(req, res, next, kept)
    readBody(req, maxBytes).then(({ body, tooLarge }) => {
      if (tooLarge) {
        res.setHeader('Connection', 'close')
        return send(res, 413, 'body_too_large', `the webhook body is larger than the limit of ${maxBytes} bytes`)
      }
      accept(req, res, next, body)
    }, next)
  }
}

module.exports = { chatwootWebhook, RAW_BODY_GONE }
