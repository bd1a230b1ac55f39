'use strict'

// Every vector of every shared file, in every argument form the package accepts.
const assert = require('node:assert/strict')
const { describe, it } = require('node:test')
const { loadVectors, argumentForms, describeForm } = require('./values.js')

/** A test per vector of `<name>.json`, calling `check` with every form of its secret and identifier. */
function eachForm(name, check) {
  describe(`${name}.json`, () => {
    for (const vector of loadVectors(name)) {
      it(vector.description, () => {
        for (const secret of argumentForms(vector.secret)) {
          for (const identifier of argumentForms(vector.identifier)) check(vector, secret, identifier)
        }
      })
    }
  })
}

module.exports = function vectorSuite(api) {
  eachForm('hash', (vector, secret, identifier) => {
    const signer = new api.Signer(secret)
    const shape = `${describeForm(secret)} secret, ${describeForm(identifier)} identifier`
    assert.equal(api.identifierHash(secret, identifier), vector.identifier_hash, shape)
    assert.equal(signer.identifierHash(identifier), vector.identifier_hash, shape)
    assert.deepEqual(signer.identifierHashes([identifier]), [vector.identifier_hash], shape)
    assert.equal(api.verify(secret, identifier, vector.identifier_hash), true, shape)
  })

  eachForm('verify', (vector, secret, identifier) => {
    const signer = new api.Signer(secret)
    for (const candidate of argumentForms(vector.candidate)) {
      const shape = `${describeForm(secret)}/${describeForm(identifier)}/${describeForm(candidate)}`
      assert.equal(api.verify(secret, identifier, candidate), vector.verified, shape)
      assert.equal(signer.verify(identifier, candidate), vector.verified, shape)
    }
  })

  eachForm('error', (vector, secret, identifier) => {
    const expected = (error) => {
      assert.equal(error.constructor, Error)
      assert.equal(error.code, vector.error)
      return true
    }
    assert.throws(() => api.identifierHash(secret, identifier), expected)
    assert.throws(() => api.verify(secret, identifier, '0'.repeat(64)), expected)
    assert.throws(() => api.diagnose(secret, identifier, '0'.repeat(64)), expected)
    if (vector.error === 'empty_secret') {
      assert.throws(() => new api.Signer(secret), expected)
    } else {
      assert.throws(() => new api.Signer(secret).identifierHash(identifier), expected)
    }
  })

  eachForm('diagnose', (vector, secret, identifier) => {
    for (const candidate of argumentForms(vector.candidate)) {
      const diagnosis = api.diagnose(secret, identifier, candidate)
      assert.equal(diagnosis.verified, vector.verified)
      assert.deepEqual(
        diagnosis.findings.map((finding) => finding.code),
        vector.findings,
      )
      for (const finding of diagnosis.findings) {
        assert.equal(typeof finding.message, 'string')
        assert.ok(finding.message.length > 0)
      }
    }
  })
}

// widget.json: each request as given (snake_case keys) and in JavaScript's camelCase, with the
// secret as text, as bytes and as a prepared Signer.
const { snippetConfig } = require('../support/widget-snippet.js')

/** Keys whose values are data (their own keys are not renamed). */
const MAPS = new Set(['social_profiles', 'custom_attributes'])
const camel = (key) => key.replace(/_([a-z])/g, (_, letter) => letter.toUpperCase())

function camelKeys(value) {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [camel(key), MAPS.has(key) ? inner : camelKeys(inner)]),
  )
}

/** `user.custom_attributes.plan` -> `user.customAttributes.plan` (the data key kept). */
function camelPath(path) {
  const segments = path.split('.')
  return segments.map((segment, i) => (i > 0 && MAPS.has(segments[i - 1]) ? segment : camel(segment))).join('.')
}

function secretForms(api, secret) {
  if (secret === null) return [undefined]
  if (secret === '') return ['', Buffer.alloc(0)]
  return [secret, Buffer.from(secret), new api.Signer(secret)]
}

module.exports.widgetVectors = function widgetVectorSuite(api) {
  describe('widget.json', () => {
    for (const vector of loadVectors('widget')) {
      it(vector.description, () => {
        for (const [casing, request, path] of [
          ['snake_case', vector.request, vector.error?.path],
          ['camelCase', camelKeys(vector.request), vector.error?.path && camelPath(vector.error.path)],
        ]) {
          for (const hmacSecret of secretForms(api, vector.secret)) {
            const shape = `${casing}, secret as ${hmacSecret instanceof api.Signer ? 'Signer' : describeForm(hmacSecret)}`
            const render = () => api.widgetScript({ ...request, hmacSecret })
            if (vector.error) {
              assert.throws(render, (error) => {
                assert.equal(error.code, vector.error.code, shape)
                assert.equal(error.constructor, vector.error.wrong_type ? TypeError : Error, shape)
                if (path) assert.ok(error.message.startsWith(`${path}: `), `${shape}: ${error.message}`)
                return true
              })
              continue
            }
            const document = snippetConfig(render())
            assert.equal(document.baseUrl, vector.request.base_url.replace(/\/$/, ''), shape)
            assert.equal(document.websiteToken, vector.request.website_token, shape)
            // The page gets the widget's own camelCase names: what camelKeys gives.
            assert.deepEqual(document.settings, vector.request.settings && camelKeys(vector.request.settings), shape)
            if (!vector.set_user_payload) {
              assert.equal(document.user, undefined, shape)
              continue
            }
            const { identifier, identifier_hash: identifierHash, ...attributes } = vector.set_user_payload
            assert.deepEqual(document.user, { identifier, attributes: { ...attributes, identifier_hash: identifierHash } }, shape)
            assert.deepEqual(api.setUserPayload(hmacSecret, request.user), vector.set_user_payload, shape)
          }
        }
      })
    }
  })
}
