'use strict'

// The webhook API beyond the vectors: bad arguments (the class, `err.code` and the parameter
// named), huge values, the secret never shown, and worker threads verifying at once.
const assert = require('node:assert/strict')
const crypto = require('node:crypto')
const path = require('node:path')
const util = require('node:util')
const { Worker } = require('node:worker_threads')
const { describe, it } = require('node:test')

const SECRET = 'distinctive-webhook-secret-Hq3v'
const BODY = '{"event":"message_created","content":"\\u003cb\\u003ehi\\u003c/b\\u003e"}'
const NOW = 1_767_225_600

/** Chatwoot's signature, computed with Node's own HMAC. */
function chatwootSignature(secret, timestamp, body) {
  return `sha256=${crypto.createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex')}`
}

const SIGNATURE = chatwootSignature(SECRET, NOW, BODY)
const GOOD = { signature: SIGNATURE, timestamp: String(NOW), now: NOW }

function rejects(Class, code, param) {
  return (error) => {
    assert.equal(error.constructor, Class, error.message)
    assert.equal(error.code, code, error.message)
    if (param) assert.ok(error.message.startsWith(`${param} must`), `expected "${param} must ...": ${error.message}`)
    assert.ok(!error.message.includes(SECRET) && !error.stack.includes(SECRET), 'the secret leaked')
    return true
  }
}
const typeError = (param) => rejects(TypeError, 'ERR_INVALID_ARG_TYPE', param)
const rangeError = (param) => rejects(RangeError, 'ERR_OUT_OF_RANGE', param)
const usageError = (param) => rejects(TypeError, 'ERR_INVALID_ARG_VALUE', param && param.replace(/ must$/, ''))

const notTextOrBytes = {
  'undefined': undefined,
  'null': null,
  'a number': 42,
  'a bigint': 42n,
  'a boolean': true,
  'a plain object': { toString: () => SECRET },
  'an array': [SECRET],
  'a Symbol': Symbol('x'),
  'a Uint16Array': new Uint16Array([1, 2]),
  'an ArrayBuffer': new ArrayBuffer(4),
  'a String object': new String(SECRET),
}

function runWorker(workerData) {
  return new Promise((resolve, reject) => {
    const thread = new Worker(path.join(__dirname, '..', 'fixtures', 'webhook-worker.js'), { workerData })
    thread.once('message', resolve)
    thread.once('error', reject)
    thread.once('exit', (code) => code !== 0 && reject(new Error(`worker exited with ${code}`)))
  })
}

module.exports = function webhookSuite(api) {
  const verifier = new api.WebhookVerifier(SECRET)
  const all = {
    verifyWebhook: (secret, body, options) => api.verifyWebhook(secret, body, options),
    'WebhookVerifier#verify': (secret, body, options) => new api.WebhookVerifier(secret).verify(body, options),
    diagnoseWebhook: (secret, body, options) => api.diagnoseWebhook(secret, body, options),
  }

  describe('webhook arguments of the wrong type name the parameter', () => {
    for (const [name, value] of Object.entries(notTextOrBytes)) {
      it(`${name} as secret, body, signature or identityHmacToken`, () => {
        for (const call of Object.values(all)) {
          assert.throws(() => call(value, BODY, GOOD), typeError('secret'))
          if (value !== undefined && value !== null) {
            assert.throws(() => call(SECRET, BODY, { ...GOOD, signature: value }), typeError('options.signature'))
            assert.throws(() => call(SECRET, BODY, { ...GOOD, timestamp: value }), typeError('options.timestamp'))
          }
        }
        assert.throws(() => api.verifyWebhook(SECRET, value, GOOD), typeError('body'))
        assert.throws(() => verifier.verify(value, GOOD), typeError('body'))
        assert.throws(() => api.diagnoseWebhook(SECRET, value, GOOD), typeError('body'))
        assert.throws(() => api.signWebhook(value, BODY), typeError('secret'))
        assert.throws(() => api.signWebhook(SECRET, value), typeError('body'))
        if (value !== undefined && value !== null) {
          assert.throws(() => api.diagnoseWebhook(SECRET, BODY, { ...GOOD, identityHmacToken: value }), typeError('options.identityHmacToken'))
        }
      })
    }

    it('options: an object with exactly one of the two forms', () => {
      for (const call of [...Object.values(all), (s, b, o) => verifier.verify(b, o)]) {
        for (const options of [undefined, null, 'headers', 42, () => GOOD]) {
          assert.throws(() => call(SECRET, BODY, options), typeError('options'))
        }
        assert.throws(() => call(SECRET, BODY, {}), usageError('options'))
        assert.throws(() => call(SECRET, BODY, { now: NOW }), usageError('options'))
        assert.throws(() => call(SECRET, BODY, { header: {} }), usageError('options'))
        assert.throws(() => call(SECRET, BODY, { ...GOOD, headers: {} }), usageError('options'))
        assert.throws(() => call(SECRET, BODY, { headers: {}, timestamp: '1' }), usageError('options'))
      }
      // Present but absent values: the core says which header is missing.
      assert.throws(() => verifier.verify(BODY, { signature: undefined, timestamp: undefined }), { code: 'missing_signature' })
      assert.throws(() => verifier.verify(BODY, { signature: SIGNATURE, timestamp: null }), { code: 'missing_timestamp' })
      assert.throws(() => verifier.verify(BODY, { headers: {}, signature: undefined }), { code: 'missing_signature' })
    })

    it('headers: the shapes Node code holds, anything else named', () => {
      for (const headers of [null, 'x-chatwoot-signature: x', 42, true]) {
        assert.throws(() => verifier.verify(BODY, { headers }), typeError('options.headers'))
      }
      assert.throws(() => verifier.verify(BODY, { headers: { 'x-chatwoot-signature': 42 } }), typeError('options.headers["x-chatwoot-signature"]'))
      assert.throws(() => verifier.verify(BODY, { headers: { 'x-a': ['ok', 7] } }), typeError('options.headers["x-a"][1]'))
      assert.throws(() => verifier.verify(BODY, { headers: ['a', 'b', 'c'] }), typeError('options.headers'))
      assert.throws(() => verifier.verify(BODY, { headers: ['a', 1] }), typeError('options.headers[1]'))
      assert.throws(() => verifier.verify(BODY, { headers: [['a', 'b'], ['c']] }), typeError('options.headers[1]'))
      assert.throws(() => verifier.verify(BODY, { headers: [['a', 'b'], 'c'] }), typeError('options.headers[1]'))
      assert.throws(() => verifier.verify(BODY, { headers: [[1, 'b']] }), typeError('options.headers[0][0]'))
      assert.throws(() => verifier.verify(BODY, { headers: new Map([['x-chatwoot-signature', 1]]) }), typeError('options.headers[0][1]'))
      assert.throws(() => verifier.verify(BODY, { headers: new Set(['x']) }), typeError('options.headers'))
      // Each shape that holds the right headers verifies; `undefined` values are skipped.
      const pairs = [['X-Chatwoot-Signature', SIGNATURE], ['X-Chatwoot-Timestamp', String(NOW)], ['X-Chatwoot-Delivery', 'd-1']]
      for (const headers of [
        pairs,
        pairs.flat(),
        Object.fromEntries(pairs),
        { ...Object.fromEntries(pairs.map(([n, v]) => [n.toLowerCase(), v])), 'set-cookie': ['a', 'b'], 'x-gone': undefined },
        Object.assign(Object.create(null), Object.fromEntries(pairs)),
        new Map(pairs),
        new Headers(pairs),
        (function* generate() { yield* pairs })(),
      ]) {
        const webhook = verifier.verify(BODY, { headers, now: NOW })
        assert.equal(webhook.deliveryId, 'd-1', util.inspect(headers))
      }
      // A repeated signature, in any shape, is refused by the core.
      for (const headers of [[...pairs, ['x-chatwoot-signature', SIGNATURE]], { 'x-chatwoot-signature': [SIGNATURE, SIGNATURE], 'x-chatwoot-timestamp': String(NOW) }]) {
        assert.throws(() => verifier.verify(BODY, { headers, now: NOW }), { code: 'malformed_signature' })
      }
    })

    it('now, tolerance, checkAge and the timestamp to sign: numbers in range', () => {
      for (const now of ['1767225600', 1767225600n, new Date(), null]) {
        assert.throws(() => verifier.verify(BODY, { ...GOOD, now }), typeError('options.now'))
      }
      for (const now of [-1, NaN, Infinity, Date.now()]) {
        assert.throws(() => verifier.verify(BODY, { ...GOOD, now }), rangeError('options.now'))
      }
      assert.equal(verifier.verify(BODY, { ...GOOD, now: NOW + 0.9 }).age, 0, 'a fraction of a second is dropped')
      for (const tolerance of ['300', null, 300n]) {
        assert.throws(() => new api.WebhookVerifier(SECRET, { tolerance }), typeError('options.tolerance'))
        assert.throws(() => api.verifyWebhook(SECRET, BODY, { ...GOOD, tolerance }), typeError('options.tolerance'))
      }
      for (const tolerance of [-1, 1.5, Infinity, NaN, 2 ** 53]) {
        assert.throws(() => new api.WebhookVerifier(SECRET, { tolerance }), rangeError('options.tolerance'))
      }
      for (const checkAge of ['false', 0, null]) {
        assert.throws(() => new api.WebhookVerifier(SECRET, { checkAge }), typeError('options.checkAge'))
      }
      assert.throws(() => new api.WebhookVerifier(SECRET, { tolerance: 60, checkAge: false }), usageError('options'))
      assert.throws(() => new api.WebhookVerifier(SECRET, 300), typeError('options'))
      for (const timestamp of ['1767225600', 1n, null]) {
        assert.throws(() => api.signWebhook(SECRET, BODY, timestamp), typeError('timestamp'))
      }
      for (const timestamp of [-1, NaN, 2 ** 53]) {
        assert.throws(() => api.signWebhook(SECRET, BODY, timestamp), rangeError('timestamp'))
      }
      assert.equal(new api.WebhookVerifier(SECRET, { tolerance: 0 }).tolerance, 0)
      assert.equal(new api.WebhookVerifier(SECRET, { checkAge: false }).tolerance, null)
      assert.equal(new api.WebhookVerifier(SECRET, { checkAge: false }).checkAge, false)
      assert.equal(new api.WebhookVerifier(SECRET, null).tolerance, 300)
    })

    it('errors come in the order of the arguments, whichever side reads them', () => {
      const getterThrows = { get headers() { throw new Error('boom') } }
      assert.throws(() => api.verifyWebhook(42, BODY, undefined), typeError('secret'))
      assert.throws(() => api.verifyWebhook(42, BODY, getterThrows), typeError('secret'))
      assert.throws(() => api.verifyWebhook(SECRET, 42, { ...GOOD, now: 'soon' }), typeError('body'))
      assert.throws(() => api.verifyWebhook('', 42, GOOD), typeError('body'))
      assert.throws(() => api.verifyWebhook(SECRET, BODY, { signature: 42, timestamp: '1', now: 'soon' }), typeError('options.signature'))
      assert.throws(() => api.verifyWebhook('', BODY, { ...GOOD, tolerance: 'long' }), typeError('options.tolerance'))
      assert.throws(() => verifier.verify(42, { headers: 5 }), typeError('body'))
      assert.throws(() => api.diagnoseWebhook(SECRET, BODY, { signature: 42, timestamp: 5, identityHmacToken: 3 }), typeError('options.signature'))
      assert.throws(() => new api.WebhookVerifier(42, { tolerance: -1 }), typeError('secret'))
      assert.throws(() => new api.WebhookVerifier('', { tolerance: -1 }), rangeError('options.tolerance'))
      assert.throws(() => api.signWebhook(42, BODY, 'soon'), typeError('secret'))
      assert.throws(() => api.signWebhook('', BODY, -1), rangeError('timestamp'))
    })

    it('a getter that throws in the options throws that error', () => {
      const boom = new Error('boom')
      const options = { get headers() { throw boom } }
      assert.throws(() => verifier.verify(BODY, options), (error) => error === boom)
      const headers = { get 'x-chatwoot-signature'() { throw boom } }
      Object.defineProperty(headers, 'x-chatwoot-signature', { enumerable: true })
      assert.throws(() => verifier.verify(BODY, { headers }), (error) => error === boom)
    })
  })

  describe('webhook values', () => {
    it('verifies at the clock by default, and signs now by default', () => {
      const signed = api.signWebhook(SECRET, BODY)
      const webhook = verifier.verify(BODY, { headers: signed.headers })
      assert.ok(Math.abs(webhook.age) <= 5, String(webhook.age))
      assert.equal(api.verifyWebhook(SECRET, Buffer.from(BODY), { headers: signed.headers }).deliveryId, signed.deliveryId)
    })

    it('reads a Buffer at its offset, and a string as its UTF-8 bytes', () => {
      const text = `{"content":"Zoë 😀 ${'x'.repeat(300)}"}`
      const signature = chatwootSignature(SECRET, NOW, text)
      const framed = Buffer.concat([Buffer.from('junk-before'), Buffer.from(text), Buffer.from('junk-after')])
      const slice = framed.subarray(11, framed.length - 10)
      for (const body of [text, slice, new Uint8Array(slice.buffer, slice.byteOffset, slice.length)]) {
        assert.equal(verifier.verify(body, { signature, timestamp: String(NOW), now: NOW }).age, 0)
      }
      assert.throws(() => verifier.verify(framed, { signature, timestamp: String(NOW), now: NOW }), { code: 'signature_mismatch' })
    })

    it('takes huge values without trouble: each is refused or verified by the rule', () => {
      const big = Buffer.alloc(16 * 1024 * 1024, 'a')
      const signature = chatwootSignature(SECRET, NOW, big)
      assert.equal(verifier.verify(big, { signature, timestamp: String(NOW), now: NOW }).timestamp, NOW)
      assert.throws(() => verifier.verify(BODY, { signature: `sha256=${'a'.repeat(1 << 20)}`, timestamp: String(NOW) }), { code: 'malformed_signature' })
      assert.throws(() => verifier.verify(BODY, { signature: SIGNATURE, timestamp: '9'.repeat(100_000) }), { code: 'malformed_timestamp' })
      const many = Array.from({ length: 50_000 }, (_, i) => [`x-header-${i}`, 'v'.repeat(i % 300)])
      many.push(['X-Chatwoot-Signature', SIGNATURE], ['X-Chatwoot-Timestamp', String(NOW)])
      assert.equal(verifier.verify(BODY, { headers: many, now: NOW }).age, 0)
      assert.equal(verifier.verify(BODY, { headers: { 'x-long': 'é'.repeat(200_000), 'x-chatwoot-signature': SIGNATURE, 'x-chatwoot-timestamp': String(NOW) }, now: NOW }).age, 0)
    })

    it('never shows the secret: inspect, JSON, errors, stacks, findings', () => {
      const verifiers = [verifier, new api.WebhookVerifier(Buffer.from(SECRET), { tolerance: 60 }), new api.WebhookVerifier(SECRET, { checkAge: false })]
      assert.equal(util.inspect(verifiers[1]), 'WebhookVerifier { secret: [redacted], tolerance: 60, checkAge: true }')
      assert.equal(util.inspect(verifiers[2]), 'WebhookVerifier { secret: [redacted], tolerance: null, checkAge: false }')
      const shown = []
      for (const v of verifiers) {
        shown.push(util.inspect(v, { showHidden: true, depth: Infinity }), JSON.stringify(v), JSON.stringify({ v }), String(v))
        shown.push(util.format('%o %O %j', v, v, v), Object.getOwnPropertyNames(v).join(','))
      }
      const bad = [
        { signature: chatwootSignature('other', NOW, BODY), timestamp: String(NOW), now: NOW },
        { signature: SIGNATURE, timestamp: String(NOW), now: NOW + 3600 },
        { signature: SIGNATURE, timestamp: String(NOW), now: NOW - 3600 },
        { signature: SIGNATURE.toUpperCase(), timestamp: String(NOW) },
        { signature: SIGNATURE, timestamp: 'soon' },
      ]
      for (const options of bad) {
        for (const call of [() => verifier.verify(BODY, options), () => api.verifyWebhook(SECRET, BODY, options)]) {
          try {
            call()
            assert.fail('verified a bad webhook')
          } catch (error) {
            shown.push(error.message, error.stack, util.inspect(error))
            assert.ok(!error.message.includes(SIGNATURE.slice(7)), `the signature leaked: ${error.message}`)
          }
        }
        shown.push(JSON.stringify(api.diagnoseWebhook(SECRET, BODY, { ...options, identityHmacToken: SECRET })))
      }
      for (const text of shown) {
        assert.ok(!text.includes(SECRET), `secret shown in ${text}`)
        assert.ok(!text.includes(Buffer.from(SECRET).toString('hex')), `secret shown in ${text}`)
      }
    })
  })

  it('four worker threads verify at once, each result checked', async () => {
    const reports = await Promise.all([0, 1, 2, 3].map((worker) => runWorker({ worker, secret: SECRET, count: 2_000, now: NOW })))
    for (const [worker, report] of reports.entries()) {
      assert.deepEqual(report, { worker, verified: 1_800, rejected: 200, wrong: 0 })
    }
  })
}
