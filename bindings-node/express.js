'use strict'

// `require('chatwoot-identity/express')`: a middleware that puts the widget snippet for the
// request's user in `res.locals.chatwootWidget`, and (opt-in) one that inserts it into HTML
// responses by itself. Plain `(req, res, next)` functions: Express (or Connect, or anything
// with `res.locals`) is the caller's, never a dependency here.
//
// The snippet, its escaping and every widget rule come from the core (`widgetScript`); this
// file only decides when to render, and what a misconfigured app is told at start-up.
const { typeError } = require('./argument-errors.js')
const { Signer, widgetScript } = require('./index.js')
const { insertWidget } = require('./native.js')

/** The nonce Helmet's documentation and most CSP set-ups leave in `res.locals`. */
function cspNonceFromLocals(_req, res) {
  return res.locals.cspNonce
}

/** Where the README tells users to keep each required option. */
const ENV_VAR = {
  baseUrl: 'CHATWOOT_BASE_URL',
  websiteToken: 'CHATWOOT_WEBSITE_TOKEN',
  hmacSecret: 'CHATWOOT_HMAC_SECRET',
}

/** A start-up error that names the option and the environment variable it usually comes from. */
function configurationError(name, option, problem, code) {
  return Object.assign(
    new Error(
      `${name}: options.${option} ${problem}. The README's set-up reads it from the ${ENV_VAR[option]} ` +
        'environment variable: is that set where the app runs? (enabled: false turns the widget off ' +
        'where it is not wanted)',
    ),
    { code },
  )
}

const isEmpty = (value) => value === undefined || value === null || value === '' || value?.length === 0

/**
 * The configuration check of the app's start-up: every required option present, the secret
 * not the website token; then the core checks the rest by rendering the anonymous snippet.
 */
function checkConfiguration(name, { baseUrl, websiteToken, hmacSecret, widget }) {
  if (isEmpty(baseUrl)) throw configurationError(name, 'baseUrl', 'is missing or empty', 'invalid_base_url')
  if (isEmpty(websiteToken)) throw configurationError(name, 'websiteToken', 'is missing or empty', 'invalid_website_token')
  if (hmacSecret === undefined || hmacSecret === null) {
    throw configurationError(name, 'hmacSecret', 'is missing', 'missing_secret')
  }
  if (isEmpty(hmacSecret)) throw configurationError(name, 'hmacSecret', 'is empty', 'empty_secret')
  const secretText = ArrayBuffer.isView(hmacSecret)
    ? Buffer.from(hmacSecret.buffer, hmacSecret.byteOffset, hmacSecret.byteLength).toString()
    : hmacSecret
  if (typeof secretText === 'string' && secretText.trim() === String(websiteToken).trim()) {
    throw configurationError(
      name,
      'hmacSecret',
      "is the inbox's website token, not its HMAC secret (Settings > Inboxes > your inbox > Configuration > Identity validation)",
      'ERR_INVALID_ARG_VALUE',
    )
  }
  // The secret is prepared once, and a wrong URL, token or setting fails now, not per request.
  const signer = hmacSecret instanceof Signer ? hmacSecret : new Signer(hmacSecret)
  widgetScript({ ...widget, baseUrl, websiteToken })
  return signer
}

/**
 * Whether `req` asks for a page (the widget's place) rather than data. Not a page: an XHR
 * (`X-Requested-With: XMLHttpRequest`), a browser's `fetch()` or subresource
 * (`Sec-Fetch-Dest` other than document, iframe or frame), or an `Accept` header that names
 * neither HTML nor `*\/*` (an API client asking for JSON).
 */
function wantsHtml(req) {
  const header = (name) => {
    const value = req.headers?.[name]
    return Array.isArray(value) ? value.join(',') : (value ?? '')
  }
  if (header('x-requested-with').toLowerCase() === 'xmlhttprequest') return false
  const dest = header('sec-fetch-dest').toLowerCase()
  if (dest && !['document', 'iframe', 'frame', 'embed', 'object'].includes(dest)) return false
  const accept = header('accept').toLowerCase()
  if (!accept) return true
  return /(^|[\s,])(text\/html|application\/xhtml\+xml|\*\/\*)\s*(;|,|$)/.test(accept)
}

/** Development and test runs raise on a user the widget cannot take; every other one warns. */
function strictByDefault() {
  return ['development', 'test'].includes(process.env.NODE_ENV)
}

/**
 * The shared part of both middlewares: options checked once, then `serve(req, res, next,
 * withSnippet)` handles a request (`render(req, res, done)` gives it the request's snippet).
 */
function prepare(options, name) {
  if (options !== undefined && (options === null || typeof options !== 'object')) {
    throw typeError(`${name}: options must be an object`)
  }
  const {
    user,
    nonce = cspNonceFromLocals,
    hmacSecret,
    baseUrl,
    websiteToken,
    enabled = true,
    strict = strictByDefault(),
    logger = console,
    ...widget
  } = options ?? {}
  if (typeof enabled !== 'boolean') throw typeError(`${name}: options.enabled must be a boolean`)
  if (typeof strict !== 'boolean') throw typeError(`${name}: options.strict must be a boolean`)
  if (!enabled) return { enabled: false }
  if (typeof user !== 'function') throw typeError('options.user must be a function (req) => user or null')
  if (typeof nonce !== 'function') {
    throw typeError('options.nonce must be a function (req, res) => string or undefined')
  }
  if (typeof logger?.warn !== 'function') throw typeError(`${name}: options.logger must have a warn(message) method`)
  const signer = checkConfiguration(name, { baseUrl, websiteToken, hmacSecret, widget })
  const base = { ...widget, baseUrl, websiteToken, hmacSecret: signer }

  // A user the widget cannot take (no name, email or avatar; a field of the wrong type) must
  // not turn the page into a 500: the visitor widget instead, and a warning. The core's
  // messages name the field at fault, never a value or the secret.
  function snippetFor(req, res, currentUser) {
    const requestNonce = nonce(req, res)
    if (!currentUser) return widgetScript({ ...base, nonce: requestNonce })
    try {
      return widgetScript({ ...base, user: currentUser, nonce: requestNonce })
    } catch (error) {
      if (strict || error.code === 'invalid_nonce') throw error
      logger.warn(
        `chatwoot-identity: the widget cannot take this request's user (${error.code}: ${error.message}); ` +
          'rendered the visitor widget instead',
      )
      return widgetScript({ ...base, nonce: requestNonce })
    }
  }

  function render(req, res, done) {
    let currentUser
    try {
      currentUser = user(req)
    } catch (error) {
      return done(error)
    }
    const finish = (resolved) => {
      let snippet
      try {
        snippet = snippetFor(req, res, resolved)
      } catch (error) {
        return done(error)
      }
      done(null, snippet)
    }
    // An async `user` (a session or database look-up) is awaited.
    if (currentUser && typeof currentUser.then === 'function') return currentUser.then(finish, done)
    finish(currentUser)
  }

  // What both middlewares do with a request: data requests get no widget, and their `user` is
  // not looked up; a page gets the request's snippet in `res.locals.chatwootWidget`, then
  // `withSnippet()` runs before `next()`. An error (from `user`, or a strict check) goes to `next`.
  function serve(req, res, next, withSnippet) {
    if (!wantsHtml(req)) {
      res.locals.chatwootWidget = ''
      return next()
    }
    render(req, res, (error, snippet) => {
      if (error) return next(error)
      res.locals.chatwootWidget = snippet
      withSnippet()
      next()
    })
  }
  return { enabled: true, serve }
}

/**
 * Either middleware switched off (tests, local runs, `collectstatic`-like builds): no secret
 * needed, and templates that print `res.locals.chatwootWidget` print nothing.
 */
function widgetDisabled(_req, res, next) {
  res.locals.chatwootWidget = ''
  next()
}

function chatwootWidget(options) {
  const prepared = prepare(options, 'chatwootWidget')
  if (!prepared.enabled) return widgetDisabled
  return function chatwootWidgetMiddleware(req, res, next) {
    prepared.serve(req, res, next, () => {})
  }
}

/**
 * Opt-in automatic injection: the widget's snippet for the request's user goes before
 * `</body>` of every HTML response the app sends whole (`res.send`, `res.end(body)`), also
 * left in `res.locals.chatwootWidget`. Never into a response that is not `text/html`, that
 * is compressed, streamed (`res.write` before `res.end`), a download (`Content-Disposition:
 * attachment`), has no `</body>`, or already holds a widget; nor when a handler set
 * `res.locals.chatwootWidget = false` (per-request opt-out).
 * `enabled: false` (per environment) turns it off.
 */
function chatwootAutoInject(options) {
  const prepared = prepare(options, 'chatwootAutoInject')
  if (!prepared.enabled) return widgetDisabled
  return function chatwootAutoInjectMiddleware(req, res, next) {
    // Opted out by an earlier middleware (a route prefix, an admin area).
    if (res.locals.chatwootWidget === false) return next()
    prepared.serve(req, res, next, () => {
      // The page now differs per user: a 304 would show the browser an earlier user's widget.
      delete req.headers['if-none-match']
      delete req.headers['if-modified-since']
      wrapResponse(res)
    })
  }
}

/** Whether the response's headers are those of a page the widget may go on. */
function isPage(res) {
  const type = String(res.getHeader('content-type') ?? '')
  if (!/^text\/html\s*(;|$)/i.test(type)) return false
  const charset = /;\s*charset="?([^";]+)/i.exec(type)
  if (charset && charset[1].toLowerCase() !== 'utf-8') return false
  if (res.getHeader('content-encoding') && res.getHeader('content-encoding') !== 'identity') return false
  // A download would carry the user's identifier_hash into a file that is saved and shared.
  return !/^\s*attachment/i.test(String(res.getHeader('content-disposition') ?? ''))
}

function wrapResponse(res) {
  const { end } = res
  res.end = function chatwootEnd(chunk, encoding, callback) {
    // A streamed response (res.write before res.end) has sent its headers: left untouched.
    const injected = injectInto(res, chunk, encoding)
    if (injected === null) return end.call(this, chunk, encoding, callback)
    return end.call(this, injected, 'utf8', typeof encoding === 'function' ? encoding : callback)
  }
}

/** The body with the snippet, as a string (headers adjusted), or null to send it unchanged. */
function injectInto(res, chunk, encoding) {
  const snippet = res.locals.chatwootWidget
  if (typeof snippet !== 'string' || snippet === '' || res.headersSent || !isPage(res)) return null
  if (res.req?.method === 'HEAD' && (chunk === undefined || chunk === null)) {
    // Express sends a HEAD response's headers for the body it leaves out: the page's GET would
    // get the widget, so its length and ETag are not these.
    res.removeHeader('Content-Length')
    res.removeHeader('ETag')
    return null
  }
  let html
  if (typeof chunk === 'string') {
    if (typeof encoding === 'string' && !['utf8', 'utf-8'].includes(encoding.toLowerCase())) return null
    html = chunk
  } else if (Buffer.isBuffer(chunk) || chunk instanceof Uint8Array) {
    html = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('utf8')
  } else {
    return null
  }
  // Before the last </body>, and never into a page that already has a widget: the core's rule.
  const page = insertWidget(html, String(snippet))
  if (page === null) return null
  if (res.getHeader('content-length') !== undefined) res.setHeader('Content-Length', Buffer.byteLength(page))
  res.removeHeader('ETag')
  return page
}

module.exports = { chatwootWidget, chatwootAutoInject }
module.exports.chatwootWebhook = require('./express-webhook.js').chatwootWebhook
