'use strict'

// `require('chatwoot-identity/express')`: a middleware that puts the widget snippet for the
// request's user in `res.locals.chatwootWidget`. A plain `(req, res, next)` function: Express
// (or Connect, or anything with `res.locals`) is the caller's, never a dependency here.
const { Signer, widgetScript } = require('./index.js')

/** The nonce Helmet's documentation and most CSP set-ups leave in `res.locals`. */
function cspNonceFromLocals(_req, res) {
  return res.locals.cspNonce
}

function chatwootWidget(options) {
  const { user, nonce = cspNonceFromLocals, hmacSecret, ...widget } = options ?? {}
  if (typeof user !== 'function') {
    throw Object.assign(new TypeError('options.user must be a function (req) => user or null'), {
      code: 'ERR_INVALID_ARG_TYPE',
    })
  }
  if (typeof nonce !== 'function') {
    throw Object.assign(new TypeError('options.nonce must be a function (req, res) => string or undefined'), {
      code: 'ERR_INVALID_ARG_TYPE',
    })
  }
  // The secret is prepared once instead of on every request, and the rest is checked now by
  // rendering the anonymous snippet, so a wrong URL, token or setting fails at start-up.
  const signer = hmacSecret instanceof Signer ? hmacSecret : new Signer(hmacSecret)
  widgetScript(widget)

  function render(res, currentUser, req) {
    res.locals.chatwootWidget = widgetScript({ ...widget, hmacSecret: signer, user: currentUser, nonce: nonce(req, res) })
  }

  return function chatwootWidgetMiddleware(req, res, next) {
    let currentUser
    try {
      currentUser = user(req)
    } catch (error) {
      return next(error)
    }
    // An async `user` (a session or database look-up) is awaited.
    if (currentUser && typeof currentUser.then === 'function') {
      return currentUser.then(
        (resolved) => {
          try {
            render(res, resolved, req)
          } catch (error) {
            return next(error)
          }
          next()
        },
        next,
      )
    }
    try {
      render(res, currentUser, req)
    } catch (error) {
      return next(error)
    }
    next()
  }
}

module.exports = { chatwootWidget }
module.exports.chatwootWebhook = require('./express-webhook.js').chatwootWebhook
