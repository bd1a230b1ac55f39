'use strict'

// chatwootWebhook in real Express apps over loopback, receiving from the Chatwoot-like sender
// (tests/webhooks/chatwoot_sender.rb: real Ruby, ActiveSupport's to_json, Net::HTTP) in every
// mode, with no body parser, express.raw() or express.json() mounted first.
const assert = require('node:assert/strict')
const crypto = require('node:crypto')
const path = require('node:path')
const { execFile } = require('node:child_process')
const { promisify } = require('node:util')
const { describe, it, before, after, mock } = require('node:test')
const express = require('express')
const { chatwootWebhook } = require('chatwoot-identity/express')
const { WebhookVerifier, signWebhook } = require('chatwoot-identity')
const { repoRoot } = require('./paths.js')

const SECRET = 'Sx5GdKjW7rvbcaQ8JtUmHn2p'
const HMAC_TOKEN = 'QrtMG8GydFgEy7bVzsLLmHoq'
const SENDER = path.join(repoRoot, 'tests', 'webhooks', 'chatwoot_sender.rb')
const CONTENT = 'Hi </script><script>alert(1)</script> & <b>bold</b> 😀'

/** The routes the sender posts to where the middleware can verify: the body unread or kept. */
const ROUTES = ['/plain', '/raw', '/json-verify']

/** Each mode of the sender and what a correctly mounted middleware answers. */
const EXPECTED = {
  good: [200, null],
  tampered_body: [401, 'signature_mismatch'],
  tampered_timestamp: [401, 'signature_mismatch'],
  stale: [401, 'stale_timestamp'],
  future: [401, 'future_timestamp'],
  missing_signature: [401, 'missing_signature'],
  missing_timestamp: [401, 'missing_timestamp'],
  missing_headers: [401, 'missing_signature'],
  wrong_secret: [401, 'signature_mismatch'],
  identity_token: [401, 'signature_mismatch'],
}

/** Runs the sender against `url` in every mode: `{ mode: { status, body } }`. */
async function send(url, modes = Object.keys(EXPECTED)) {
  const { stdout } = await promisify(execFile)('ruby', [SENDER, url, '--secret', SECRET, '--hmac-token', HMAC_TOKEN, '--mode', modes.join(',')], { env: { ...process.env, CHATWOOT_WEBHOOK_SECRET: '' } })
  const answers = {}
  for (const line of stdout.trim().split('\n')) {
    const [, mode, status, body] = /^(\S+) (\d+) ?(.*)$/.exec(line)
    answers[mode] = { status: Number(status), body: body ? JSON.parse(body) : null }
  }
  assert.deepEqual(Object.keys(answers), modes)
  return answers
}

describe('chatwootWebhook in Express, fed by the Chatwoot-like sender', () => {
  const seen = []
  const sent = {}
  let server
  let origin
  const logged = mock.method(console, 'error', () => {})

  function handler(req, res) {
    seen.push({
      route: req.path,
      rawBody: req.rawBody,
      body: req.body,
      webhook: req.chatwootWebhook,
      headers: { signature: req.get('x-chatwoot-signature'), timestamp: req.get('x-chatwoot-timestamp'), delivery: req.get('x-chatwoot-delivery') },
    })
    res.json({ received: req.chatwootWebhook.deliveryId })
  }

  before(async () => {
    const app = express()
    app.post('/plain', chatwootWebhook({ secret: SECRET }), handler)
    app.post('/prepared', chatwootWebhook({ secret: new WebhookVerifier(SECRET, { tolerance: 120 }) }), handler)
    app.post('/raw', express.raw({ type: '*/*' }), chatwootWebhook({ secret: SECRET }), handler)
    app.post('/json-verify', express.json({ verify: (req, _res, buf) => { req.rawBody = buf } }), chatwootWebhook({ secret: SECRET }), handler)
    app.post('/json', express.json(), chatwootWebhook({ secret: SECRET }), handler)
    // express.json() that skips this content type leaves the stream unread: the middleware reads it.
    app.post('/json-other-type', express.json({ type: 'application/vnd.other' }), chatwootWebhook({ secret: SECRET }), handler)
    app.post('/small', chatwootWebhook({ secret: SECRET, limit: 100 }), handler)
    app.use((error, _req, res, _next) => res.status(500).json({ error: 'handler_error', message: error.message }))
    server = await new Promise((resolve) => {
      const listening = app.listen(0, '127.0.0.1', () => resolve(listening))
    })
    origin = `http://127.0.0.1:${server.address().port}`
    // Ruby takes a while to start: every route's sender runs at once, each test awaits its own.
    for (const route of [...ROUTES, '/json']) sent[route] = send(origin + route)
    // A rejection is reported by the test that awaits it.
    for (const promise of Object.values(sent)) promise.catch(() => {})
  })
  after(() => {
    server.close()
    logged.mock.restore()
  })

  for (const route of ROUTES) {
    it(`${route}: only the good request reaches the handler, with the exact body verified`, async () => {
      const answers = await sent[route]
      for (const [mode, [status, code]] of Object.entries(EXPECTED)) {
        assert.equal(answers[mode].status, status, `${mode}: ${JSON.stringify(answers[mode].body)}`)
        if (code) {
          assert.equal(answers[mode].body.error, code, mode)
          assert.equal(typeof answers[mode].body.message, 'string')
          assert.ok(!answers[mode].body.message.includes(SECRET))
        }
      }
      const calls = seen.filter((call) => call.route === route)
      assert.equal(calls.length, 1, 'the handler ran for the good request only')
      const [{ route: path, rawBody, body, webhook, headers }] = calls
      assert.equal(path, route)
      // The bytes Chatwoot signed, ActiveSupport's escapes included, and the event parsed from them.
      const expected = `sha256=${crypto.createHmac('sha256', SECRET).update(`${headers.timestamp}.`).update(rawBody).digest('hex')}`
      assert.equal(headers.signature, expected)
      assert.ok(rawBody.includes('\\u003c/script\\u003e'), rawBody.toString())
      assert.deepEqual(body, JSON.parse(rawBody.toString('utf8')))
      assert.equal(body.content, CONTENT)
      assert.equal(webhook.deliveryId, headers.delivery)
      assert.equal(answers.good.body.received, headers.delivery)
      assert.equal(webhook.timestamp, Number(headers.timestamp))
      assert.equal(webhook.replayKey, headers.signature.slice(7))
    })
  }

  it('after express.json(): 500 raw_body_unavailable for every request, logged once with the fix', async () => {
    const answers = await sent['/json']
    for (const mode of Object.keys(EXPECTED)) {
      assert.equal(answers[mode].status, 500, mode)
      assert.equal(answers[mode].body.error, 'raw_body_unavailable')
      assert.match(answers[mode].body.message, /before app\.use\(express\.json\(\)\)/)
      assert.match(answers[mode].body.message, /express\.json\(\{ verify: /)
    }
    assert.equal(seen.filter((call) => call.route === '/json').length, 0, 'the handler never ran')
    assert.equal(logged.mock.callCount(), 1)
    assert.match(logged.mock.calls.at(-1).arguments[0], /raw bytes that Chatwoot signed are gone/)
  })

  /** A webhook signed by `signWebhook`, posted with fetch. */
  async function post(route, body = JSON.stringify({ event: 'message_created', content: CONTENT })) {
    const signed = signWebhook(SECRET, body)
    const response = await fetch(origin + route, { method: 'POST', body, headers: { ...signed.headers, 'content-type': 'application/json' } })
    return { status: response.status, body: await response.json(), signed }
  }

  it('a prepared WebhookVerifier as the secret, and a parser that skips the type', async () => {
    for (const route of ['/prepared', '/json-other-type']) {
      const { status, body, signed } = await post(route)
      assert.equal(status, 200, JSON.stringify(body))
      assert.equal(body.received, signed.deliveryId)
      const [call] = seen.filter((c) => c.route === route)
      assert.equal(call.body.content, CONTENT)
      const bad = await post(route, '{"event":"message_created"} ')
      assert.equal(bad.status, 200, 'its own signature: fine')
      const forged = await fetch(origin + route, { method: 'POST', body: '{}', headers: signWebhook(SECRET, '{"a":1}').headers })
      assert.equal(forged.status, 401)
      assert.deepEqual(Object.keys(await forged.json()), ['error', 'message'])
    }
  })

  it('a body over the limit is 413, the handler not called', async () => {
    const small = await post('/small', JSON.stringify({ event: 'message_created', content: 'x'.repeat(200) }))
    assert.equal(small.status, 413)
    assert.equal(small.body.error, 'body_too_large')
    const tiny = await post('/small', '{"event":"x"}')
    assert.equal(tiny.status, 200)
    assert.equal(seen.filter((call) => call.route === '/small').length, 1)
  })

  it('a signed body that is not JSON is 400, the handler not called', async () => {
    const { status, body } = await post('/plain', 'not json')
    assert.equal(status, 400)
    assert.equal(body.error, 'invalid_json')
  })

  it('checks its configuration when created', () => {
    const saved = process.env.CHATWOOT_WEBHOOK_SECRET
    try {
      delete process.env.CHATWOOT_WEBHOOK_SECRET
      for (const options of [undefined, {}, { secret: null }, { tolerance: 60 }]) {
        assert.throws(() => chatwootWebhook(options), (error) => {
          assert.equal(error.constructor, TypeError)
          assert.match(error.message, /options\.secret \(or the CHATWOOT_WEBHOOK_SECRET environment variable\)/)
          return true
        })
      }
      assert.throws(() => chatwootWebhook({ secret: '' }), (error) => {
        assert.equal(error.code, 'empty_secret')
        assert.match(error.message, /^chatwootWebhook: /)
        // The webhook's own key, never the inbox's identity secret, is what it asks for.
        assert.match(error.message, /pass the webhook's secret/)
        assert.doesNotMatch(error.message, /Identity validation/)
        return true
      })
      process.env.CHATWOOT_WEBHOOK_SECRET = ''
      assert.throws(() => chatwootWebhook(), { code: 'empty_secret' })
      process.env.CHATWOOT_WEBHOOK_SECRET = SECRET
      assert.equal(typeof chatwootWebhook(), 'function')
      assert.throws(() => chatwootWebhook({ secret: SECRET, tolerance: -1 }), { code: 'ERR_OUT_OF_RANGE' })
      assert.throws(() => chatwootWebhook({ secret: SECRET, limit: 'lots' }), { name: 'TypeError' })
      assert.throws(() => chatwootWebhook({ secret: SECRET, secrets: [SECRET] }), /unknown option secrets/)
      assert.throws(() => chatwootWebhook({ secret: new WebhookVerifier(SECRET), tolerance: 5 }), { name: 'TypeError' })
      for (const attempt of [() => chatwootWebhook({ secret: 42 }), () => chatwootWebhook({ secret: '' })]) {
        assert.throws(attempt, (error) => !error.message.includes(SECRET) && !error.stack.includes(SECRET))
      }
    } finally {
      if (saved === undefined) delete process.env.CHATWOOT_WEBHOOK_SECRET
      else process.env.CHATWOOT_WEBHOOK_SECRET = saved
    }
  })
})
