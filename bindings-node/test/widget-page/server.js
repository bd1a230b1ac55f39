'use strict'

// The Express page the browser tests load (`make widget-page-server`): `/` rendered through
// the package's middleware, configured only from the environment the harness sets. Run from
// a project that installed the packed tarball, so `chatwoot-identity` is the installed package.
const crypto = require('node:crypto')
const express = require('express')
const { chatwootWidget } = require('chatwoot-identity/express')

const env = process.env
const testUser = env.CHATWOOT_TEST_USER_JSON ? JSON.parse(env.CHATWOOT_TEST_USER_JSON) : null

/** The fake login: every request is `testUser`'s, or anonymous. */
function fakeAuth(req, _res, next) {
  req.user = testUser
  next()
}

/** The app's user record, in the widget's fields (the mapping a real app would write). */
function widgetUser(req) {
  if (!req.user) return null
  const { identifier, name, email, custom_attributes: customAttributes } = req.user
  return { identifier, name, email, customAttributes }
}

/** A fresh nonce per request, where Helmet-style set-ups keep it. */
function strictCsp(_req, res, next) {
  const nonce = crypto.randomBytes(16).toString('base64')
  res.locals.cspNonce = nonce
  res.set('Content-Security-Policy', `script-src 'nonce-${nonce}' 'strict-dynamic'; object-src 'none'; base-uri 'none'`)
  next()
}

const app = express()
app.use(fakeAuth)
if (env.CHATWOOT_TEST_CSP === '1') app.use(strictCsp)
app.use(
  chatwootWidget({
    baseUrl: env.CHATWOOT_BASE_URL,
    websiteToken: env.CHATWOOT_WEBSITE_TOKEN,
    hmacSecret: env.CHATWOOT_HMAC_SECRET,
    user: widgetUser,
  }),
)
app.get('/', (_req, res) => {
  res.type('html').send(
    '<!doctype html><html><head><meta charset="utf-8"><title>t</title></head><body><h1>page</h1>' +
      res.locals.chatwootWidget +
      '</body></html>',
  )
})

const server = app.listen(Number(env.PORT), '127.0.0.1', () => process.stdout.write('ready\n'))
process.on('SIGTERM', () => server.close(() => process.exit(0)))
