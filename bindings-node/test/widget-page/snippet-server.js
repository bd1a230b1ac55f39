'use strict'

// The snippets of the browser tests' session app (tests/browser/test/express-session.test.js),
// rendered by the INSTALLED package's Express middleware inside a real Express app:
// POST /snippet {request: {settings?, user?, debug?}, inbox: "main" | "other"} answers the
// `res.locals.chatwootWidget` that `chatwootWidget` left for that user. The base URL, website
// token and both inboxes' secrets come from the environment the harness sets.
const express = require('express')
const { chatwootWidget } = require('chatwoot-identity/express')

const env = process.env
const SECRETS = { main: env.CHATWOOT_HMAC_SECRET, other: env.CHATWOOT_OTHER_HMAC_SECRET }
const middlewares = new Map()

/** One middleware per (inbox, settings, debug), made once, as an app configures it at boot. */
function middlewareFor({ inbox, settings, debug }) {
  const key = JSON.stringify([inbox, settings ?? null, Boolean(debug)])
  if (!middlewares.has(key)) {
    middlewares.set(
      key,
      chatwootWidget({
        baseUrl: env.CHATWOOT_BASE_URL,
        websiteToken: env.CHATWOOT_WEBSITE_TOKEN,
        hmacSecret: SECRETS[inbox],
        strict: true,
        ...(settings ? { settings } : {}),
        ...(debug ? { debug: true } : {}),
        user: (req) => req.body.request.user ?? null,
      }),
    )
  }
  return middlewares.get(key)
}

const app = express()
app.use(express.json({ limit: '16mb' }))
app.post(
  '/snippet',
  (req, res, next) => middlewareFor({ inbox: req.body.inbox, ...req.body.request })(req, res, next),
  (_req, res) => res.type('text/plain').send(res.locals.chatwootWidget),
)
app.use((error, _req, res, _next) => res.status(500).type('text/plain').send(`${error.code}: ${error.message}`))

const server = app.listen(Number(env.PORT), '127.0.0.1', () => process.stdout.write('ready\n'))
process.on('SIGTERM', () => server.close(() => process.exit(0)))
