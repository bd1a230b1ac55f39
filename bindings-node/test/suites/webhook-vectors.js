'use strict'

// webhook.json: every vector through verifyWebhook and a WebhookVerifier, in the two-value form
// and in every header shape Node code holds (pairs, rawHeaders, req.headers, Map, Headers), with
// the body as a Buffer, a Uint8Array and (when it is text) a string; then every diagnosis.
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const { describe, it } = require('node:test')
const { vectorsDir } = require('../paths.js')
const { argumentForms, describeForm } = require('./values.js')

const file = JSON.parse(fs.readFileSync(path.join(vectorsDir, 'webhook.json'), 'utf8'))

/** The forms of a body: a `{repeat}` rule expanded, else as `argumentForms`. */
function bodyForms(body) {
  if (!body.repeat) return argumentForms(body)
  const { prefix, unit, times, suffix } = body.repeat
  const text = prefix + unit.repeat(times) + suffix
  return [Buffer.from(text, 'utf8'), text]
}

/**
 * Node's `req.headers` of a header list: names lowercased, a repeated name an array. (The CGI
 * names of the WSGI and Rack vectors are environment keys, never HTTP names: kept as they are.)
 */
function incomingHeaders(pairs) {
  const headers = {}
  for (const [name, value] of pairs) {
    const key = name.startsWith('HTTP_') ? name : name.toLowerCase()
    headers[key] = key in headers ? [].concat(headers[key], value) : value
  }
  return headers
}

/** Every header shape of a vector's list, with its name. */
function headerForms(pairs) {
  const forms = [
    ['pairs', pairs],
    ['req.headers', incomingHeaders(pairs)],
    ['rawHeaders', pairs.flat()],
    ['Map', new Map(Object.entries(incomingHeaders(pairs)))],
  ]
  // A Fetch Headers object joins repeated names, trims values and takes Latin-1 only: only the
  // lists it keeps as they are (and it lowercases the CGI names).
  const names = pairs.map(([name]) => name.toLowerCase())
  if (new Set(names).size === names.length && pairs.every(([name, value]) => !name.startsWith('HTTP_') && value === value.trim() && /^[\x20-\xff]*$/.test(value))) {
    forms.push(['Headers', new Headers(pairs)])
  }
  return forms
}

function toleranceOptions(tolerance) {
  if (tolerance === undefined) return {}
  if (tolerance === 'unchecked') return { checkAge: false }
  return { tolerance }
}

/** The replay key a verified vector must give: the signature's hex, as sent. */
function signatureHex(vector) {
  const signature = vector.signature ?? vector.headers.find(([name]) => /signature/i.test(name))[1]
  return signature.trim().slice('sha256='.length)
}

module.exports = function webhookVectorSuite(api) {
  describe('webhook.json vectors', () => {
    for (const vector of file.vectors) {
      it(vector.description, () => {
        const tolerance = toleranceOptions(vector.tolerance)
        // The megabyte bodies take one secret form and two header shapes: the others are the
        // small vectors' business, and each call hashes the whole body.
        const large = Boolean(vector.body.repeat) && vector.body.repeat.times > 10_000
        for (const secret of argumentForms(vector.secret).slice(0, large ? 1 : undefined)) {
          if (vector.error === 'empty_secret') {
            assert.throws(() => new api.WebhookVerifier(secret, tolerance), { code: 'empty_secret' })
          }
          const verifier = vector.error === 'empty_secret' ? null : new api.WebhookVerifier(secret, tolerance)
          for (const body of bodyForms(vector.body)) {
            const attempts = headerForms(vector.headers).slice(0, large ? 2 : undefined).map(([shape, headers]) => [shape, { headers }, vector.verified?.delivery_id ?? null])
            if (vector.signature !== undefined) {
              const { signature, timestamp } = vector
              attempts.push(['two values', { signature, timestamp }, null])
              // An absent header is `undefined` (req.get) or `null` (headers.get), not only "".
              attempts.push(['two values, absent as undefined', { signature: signature || undefined, timestamp: timestamp || undefined }, null])
              attempts.push(['two values as bytes', { signature: Buffer.from(signature), timestamp: Buffer.from(timestamp) }, null])
            }
            for (const [shape, signed, deliveryId] of attempts) {
              const where = `${describeForm(secret)} secret, ${describeForm(body)} body, ${shape}`
              const calls = [() => api.verifyWebhook(secret, body, { ...signed, now: vector.now, ...tolerance })]
              if (verifier) calls.push(() => verifier.verify(body, { ...signed, now: vector.now }))
              for (const call of calls) {
                if (vector.error) {
                  assert.throws(call, (error) => {
                    assert.equal(error.constructor, Error, where)
                    assert.equal(error.code, vector.error, `${where}: ${error.message}`)
                    return true
                  })
                  continue
                }
                const webhook = call()
                assert.deepEqual(Object.keys(webhook), ['timestamp', 'age', 'deliveryId', 'replayKey'], where)
                assert.equal(webhook.timestamp, vector.verified.timestamp, where)
                assert.equal(webhook.age, vector.verified.age, where)
                assert.equal(webhook.deliveryId, deliveryId, where)
                assert.equal(webhook.replayKey, signatureHex(vector), where)
              }
            }
            if (vector.sign) {
              const signed = api.signWebhook(secret, body, vector.verified.timestamp)
              assert.equal(signed.signature, `sha256=${signatureHex(vector)}`)
              assert.equal(signed.timestamp, String(vector.verified.timestamp))
              assert.match(signed.deliveryId, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
              assert.deepEqual(signed.headers, {
                'X-Chatwoot-Timestamp': signed.timestamp,
                'X-Chatwoot-Signature': signed.signature,
                'X-Chatwoot-Delivery': signed.deliveryId,
              })
              const back = verifier.verify(body, { headers: signed.headers, now: vector.now })
              assert.equal(back.deliveryId, signed.deliveryId)
            }
          }
        }
      })
    }
  })

  describe('webhook.json diagnoses', () => {
    for (const vector of file.diagnose) {
      it(vector.description, () => {
        const { signature, timestamp } = vector
        const tokens = vector.identity_hmac_token ? argumentForms(vector.identity_hmac_token) : [undefined, null]
        const headers = [['Content-Type', 'application/json']]
        if (signature !== '') headers.push(['X-Chatwoot-Signature', signature])
        if (timestamp !== '') headers.push(['x-chatwoot-timestamp', timestamp])
        for (const secret of argumentForms(vector.secret)) {
          for (const body of bodyForms(vector.body)) {
            for (const identityHmacToken of tokens) {
              for (const signed of [{ signature, timestamp }, { headers }, { headers: incomingHeaders(headers) }]) {
                const diagnosis = api.diagnoseWebhook(secret, body, { ...signed, identityHmacToken })
                const where = `${describeForm(secret)} secret, ${describeForm(body)} body, ${Object.keys(signed)}`
                assert.deepEqual(Object.keys(diagnosis), ['verified', 'findings'])
                assert.equal(diagnosis.verified, vector.verified, where)
                assert.deepEqual(diagnosis.findings.map((finding) => finding.code), vector.findings, where)
                for (const finding of diagnosis.findings) assert.match(finding.message, /^\S.*\.$/)
              }
            }
          }
        }
      })
    }
  })
}
