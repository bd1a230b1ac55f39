'use strict'

// The Express middleware inside a real Express app, over loopback HTTP.
const assert = require('node:assert/strict')
const crypto = require('node:crypto')
const fs = require('node:fs')
const { describe, it, before, after } = require('node:test')
const express = require('express')
const { chatwootWidget } = require('chatwoot-identity/express')
const { Signer } = require('chatwoot-identity')
const { snippetConfig, snippetNonce } = require('./support/widget-snippet.js')

const SECRET = 'distinctive-secret-Zq7xW3vK9p'
const OPTIONS = { baseUrl: 'https://chat.example.com', websiteToken: 'QrtMG8GydFgEy7bVzsLLmHoq', hmacSecret: SECRET }
const HOSTILE = '</script><script>globalThis.trap()</script><!-- \u2028\u2029 \'"\\ 😀'

/** The users of the test app, picked by a header: a stand-in for a session. */
const USERS = {
  jane: { identifier: 'user-42', name: 'Jane', email: 'jane@example.com', customAttributes: { plan: 'pro', seats: 3 } },
  numeric: { identifier: 9007199254740993n, email: 'big@example.com' },
  hostile: { identifier: HOSTILE, name: HOSTILE, email: HOSTILE, customAttributes: { [HOSTILE]: HOSTILE } },
  incomplete: { identifier: 'no-name' },
}

function currentUser(req) {
  if (req.get('x-user') === 'throws') throw new Error('session store down')
  return USERS[req.get('x-user')] ?? null
}

const warnings = []

function startApp() {
  const app = express()
  app.use((req, res, next) => {
    if (req.get('x-csp')) res.locals.cspNonce = crypto.randomBytes(16).toString('base64')
    next()
  })
  app.use('/async', chatwootWidget({ ...OPTIONS, strict: true, user: async (req) => currentUser(req) }))
  app.use('/custom-nonce', chatwootWidget({ ...OPTIONS, hmacSecret: new Signer(SECRET), user: currentUser, nonce: (req) => req.get('x-nonce') }))
  app.use(/^\/$/, chatwootWidget({ ...OPTIONS, strict: true, user: currentUser, settings: { position: 'left' } }))
  app.use('/lenient', chatwootWidget({ ...OPTIONS, strict: false, logger: { warn: (message) => warnings.push(message) }, user: currentUser }))
  app.use('/lenient-async', chatwootWidget({ ...OPTIONS, strict: false, logger: { warn: (message) => warnings.push(message) }, user: async (req) => currentUser(req) }))
  app.use('/off', chatwootWidget({ enabled: false }))
  app.get(['/', '/async', '/custom-nonce', '/lenient', '/lenient-async', '/off'], (req, res) => {
    res.json({ snippet: res.locals.chatwootWidget, nonce: res.locals.cspNonce })
  })
  app.use((error, req, res, _next) => res.status(500).json({ code: error.code ?? null, message: error.message }))
  return new Promise((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => resolve(server))
  })
}

describe('chatwootWidget middleware in Express', () => {
  let server
  let origin
  before(async () => {
    server = await startApp()
    origin = `http://127.0.0.1:${server.address().port}`
  })
  after(() => server.close())

  async function get(path, headers = {}) {
    const response = await fetch(origin + path, { headers })
    return { status: response.status, body: await response.json() }
  }

  it('renders the loader alone for an anonymous visitor', async () => {
    const { status, body } = await get('/')
    assert.equal(status, 200)
    const document = snippetConfig(body.snippet)
    assert.equal(document.user, undefined)
    assert.equal(document.websiteToken, OPTIONS.websiteToken)
    assert.deepEqual(document.settings, { position: 'left' })
    assert.equal(snippetNonce(body.snippet), undefined)
  })

  it('signs the authenticated user of each request', async () => {
    for (const path of ['/', '/async']) {
      const { body } = await get(path, { 'x-user': 'jane' })
      const { user } = snippetConfig(body.snippet)
      assert.equal(user.identifier, 'user-42')
      assert.equal(user.attributes.identifier_hash, crypto.createHmac('sha256', SECRET).update('user-42').digest('hex'))
      assert.equal(user.attributes.name, 'Jane')
      assert.equal(user.attributes.email, 'jane@example.com')
      assert.deepEqual(user.attributes.custom_attributes, { plan: 'pro', seats: 3 })
    }
    const { body } = await get('/', { 'x-user': 'numeric' })
    assert.equal(snippetConfig(body.snippet).user.identifier, '9007199254740993')
  })

  it('puts res.locals.cspNonce, or the nonce option, on the snippet', async () => {
    const first = await get('/', { 'x-csp': '1', 'x-user': 'jane' })
    const second = await get('/', { 'x-csp': '1' })
    assert.ok(first.body.nonce && second.body.nonce)
    assert.notEqual(first.body.nonce, second.body.nonce)
    for (const { body } of [first, second]) {
      assert.equal(snippetNonce(body.snippet), body.nonce)
      assert.equal(snippetConfig(body.snippet).nonce, body.nonce)
    }
    const custom = await get('/custom-nonce', { 'x-nonce': 'bm9uY2U=', 'x-user': 'jane' })
    assert.equal(snippetNonce(custom.body.snippet), 'bm9uY2U=')
    // That app was given a prepared Signer as its secret: it signs alike.
    const { user } = snippetConfig(custom.body.snippet)
    assert.equal(user.attributes.identifier_hash, crypto.createHmac('sha256', SECRET).update('user-42').digest('hex'))
  })

  it('carries hostile values intact inside one script element', async () => {
    const { body } = await get('/', { 'x-user': 'hostile' })
    const { user } = snippetConfig(body.snippet)
    assert.equal(user.identifier, HOSTILE)
    assert.equal(user.attributes.name, HOSTILE)
    assert.deepEqual(user.attributes.custom_attributes, { [HOSTILE]: HOSTILE })
  })

  it('renders the visitor widget and warns for a user it cannot take, unless strict', async () => {
    for (const path of ['/lenient', '/lenient-async']) {
      warnings.length = 0
      const { status, body } = await get(path, { 'x-user': 'incomplete' })
      assert.equal(status, 200, path)
      assert.equal(snippetConfig(body.snippet).user, undefined)
      assert.equal(warnings.length, 1)
      assert.match(warnings[0], /incomplete_user/)
      assert.match(warnings[0], /rendered the visitor widget/)
      assert.ok(!warnings[0].includes('no-name') && !warnings[0].includes(SECRET))
    }
    // A failing session store is the app's error, not the user's: it still goes to next(err).
    assert.equal((await get('/lenient', { 'x-user': 'throws' })).status, 500)
  })

  it('is strict by default only when NODE_ENV is development or test', () => {
    const probe = (env) =>
      require('node:child_process').execFileSync(
        process.execPath,
        ['-e', `
          const { chatwootWidget } = require('chatwoot-identity/express')
          const warnings = []
          const middleware = chatwootWidget({ ...${JSON.stringify(OPTIONS)}, logger: { warn: (m) => warnings.push(m) }, user: () => ({ identifier: 'x' }) })
          const res = { locals: {} }
          middleware({ headers: {} }, res, (error) => process.stdout.write(error ? 'error:' + error.code : 'warned:' + warnings.length))
        `],
        { cwd: __dirname, env: { ...process.env, NODE_ENV: env } },
      ).toString()
    assert.equal(probe('development'), 'error:incomplete_user')
    assert.equal(probe('test'), 'error:incomplete_user')
    assert.equal(probe('production'), 'warned:1')
    assert.equal(probe(''), 'warned:1')
  })

  it('renders nothing, and needs no secret, when enabled is false', async () => {
    const { status, body } = await get('/off', { 'x-user': 'jane' })
    assert.equal(status, 200)
    assert.equal(body.snippet, '')
    assert.throws(() => chatwootWidget({ enabled: 'no' }), { name: 'TypeError' })
  })

  it('does nothing for requests that are not for a page', async () => {
    const seen = []
    const middleware = chatwootWidget({ ...OPTIONS, user: (req) => (seen.push(req.headers), USERS.jane) })
    const run = (headers) => {
      const res = { locals: {} }
      middleware({ headers }, res, (error) => assert.ifError(error))
      return res.locals.chatwootWidget
    }
    for (const headers of [
      { 'x-requested-with': 'XMLHttpRequest' },
      { accept: 'application/json' },
      { accept: 'application/json, text/plain' },
      { accept: 'text/html', 'sec-fetch-dest': 'empty' },
      { accept: 'image/avif,image/webp,*/*', 'sec-fetch-dest': 'image' },
    ]) {
      assert.equal(run(headers), '', JSON.stringify(headers))
    }
    assert.equal(seen.length, 0, 'user() was called for a data request')
    for (const headers of [
      {},
      { accept: '*/*' },
      { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', 'sec-fetch-dest': 'document' },
      { accept: 'application/xhtml+xml' },
    ]) {
      assert.equal(snippetConfig(run(headers)).user.identifier, 'user-42', JSON.stringify(headers))
    }
  })

  it('hands errors to Express in strict mode, never the secret', async () => {
    for (const [path, headers, code] of [
      ['/', { 'x-user': 'incomplete' }, 'incomplete_user'],
      ['/async', { 'x-user': 'incomplete' }, 'incomplete_user'],
      ['/custom-nonce', { 'x-nonce': '"><script>' }, 'invalid_nonce'],
      ['/', { 'x-user': 'throws' }, null],
      ['/async', { 'x-user': 'throws' }, null],
    ]) {
      const { status, body } = await get(path, headers)
      assert.equal(status, 500, path)
      assert.equal(body.code, code)
      assert.ok(!body.message.includes(SECRET))
    }
  })

  it('checks its options when created, not per request', () => {
    assert.throws(() => chatwootWidget({ ...OPTIONS, baseUrl: 'nope', user: currentUser }), { code: 'invalid_base_url' })
    assert.throws(() => chatwootWidget({ ...OPTIONS, websiteToken: 'x', user: currentUser }), { code: 'invalid_website_token' })
    assert.throws(() => chatwootWidget({ ...OPTIONS, hmacSecret: '', user: currentUser }), { code: 'empty_secret' })
    assert.throws(() => chatwootWidget({ ...OPTIONS, hmacSecret: 5, user: currentUser }), { name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE' })
    assert.throws(() => chatwootWidget({ ...OPTIONS, settings: { darkmode: 'auto' }, user: currentUser }), (error) => {
      assert.equal(error.code, 'invalid_widget_request')
      assert.match(error.message, /^settings\.darkmode: unknown field `darkmode`/)
      return true
    })
    assert.throws(() => chatwootWidget({ ...OPTIONS }), { name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE' })
    assert.throws(() => chatwootWidget({ ...OPTIONS, user: currentUser, nonce: 'abc' }), { name: 'TypeError' })
    assert.throws(() => chatwootWidget(), { name: 'TypeError' })
  })

  it('checks the configuration when the app boots, naming the option and its variable', () => {
    for (const [option, value, code, variable] of [
      ['hmacSecret', undefined, 'missing_secret', 'CHATWOOT_HMAC_SECRET'],
      ['hmacSecret', null, 'missing_secret', 'CHATWOOT_HMAC_SECRET'],
      ['hmacSecret', '', 'empty_secret', 'CHATWOOT_HMAC_SECRET'],
      ['hmacSecret', Buffer.alloc(0), 'empty_secret', 'CHATWOOT_HMAC_SECRET'],
      ['hmacSecret', OPTIONS.websiteToken, 'ERR_INVALID_ARG_VALUE', 'CHATWOOT_HMAC_SECRET'],
      ['hmacSecret', Buffer.from(OPTIONS.websiteToken), 'ERR_INVALID_ARG_VALUE', 'CHATWOOT_HMAC_SECRET'],
      ['websiteToken', undefined, 'invalid_website_token', 'CHATWOOT_WEBSITE_TOKEN'],
      ['websiteToken', '', 'invalid_website_token', 'CHATWOOT_WEBSITE_TOKEN'],
      ['baseUrl', undefined, 'invalid_base_url', 'CHATWOOT_BASE_URL'],
      ['baseUrl', '', 'invalid_base_url', 'CHATWOOT_BASE_URL'],
    ]) {
      assert.throws(() => chatwootWidget({ ...OPTIONS, [option]: value, user: currentUser }), (error) => {
        assert.equal(error.code, code, `${option}=${JSON.stringify(value)}`)
        assert.ok(error.message.startsWith(`chatwootWidget: options.${option} `), error.message)
        assert.ok(error.message.includes(variable), error.message)
        if (option === 'hmacSecret' && code === 'ERR_INVALID_ARG_VALUE') assert.match(error.message, /website token/)
        return true
      })
    }
    // The check itself can pass: a real secret that only shares a prefix with the token.
    chatwootWidget({ ...OPTIONS, hmacSecret: OPTIONS.websiteToken + 'x', user: currentUser })
  })

  it('does not depend on Express at run time', () => {
    const manifest = JSON.parse(fs.readFileSync(require.resolve('chatwoot-identity/package.json'), 'utf8'))
    assert.deepEqual(Object.keys(manifest.dependencies ?? {}), [])
    // The one peer dependency is chatwoot-identity/react's, and optional.
    assert.deepEqual(Object.keys(manifest.peerDependencies ?? {}), ['react'])
    assert.deepEqual(manifest.peerDependenciesMeta, { react: { optional: true } })
    const source = fs.readFileSync(require.resolve('chatwoot-identity/express'), 'utf8')
    assert.doesNotMatch(source, /require\(['"]express['"]\)/)
  })
})
