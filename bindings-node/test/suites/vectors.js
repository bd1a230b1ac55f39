'use strict'

// Every vector of every shared file, in every argument form the package accepts.
const assert = require('node:assert/strict')
const { describe, it } = require('node:test')
const { loadVectors, argumentForms, describeForm } = require('./values.js')

module.exports = function vectorSuite(api) {
  describe('hash.json', () => {
    for (const vector of loadVectors('hash')) {
      it(vector.description, () => {
        for (const secret of argumentForms(vector.secret)) {
          const signer = new api.Signer(secret)
          for (const identifier of argumentForms(vector.identifier)) {
            const shape = `${describeForm(secret)} secret, ${describeForm(identifier)} identifier`
            assert.equal(api.identifierHash(secret, identifier), vector.identifier_hash, shape)
            assert.equal(signer.identifierHash(identifier), vector.identifier_hash, shape)
            assert.deepEqual(signer.identifierHashes([identifier]), [vector.identifier_hash], shape)
            assert.equal(api.verify(secret, identifier, vector.identifier_hash), true, shape)
          }
        }
      })
    }
  })

  describe('verify.json', () => {
    for (const vector of loadVectors('verify')) {
      it(vector.description, () => {
        for (const secret of argumentForms(vector.secret)) {
          const signer = new api.Signer(secret)
          for (const identifier of argumentForms(vector.identifier)) {
            for (const candidate of argumentForms(vector.candidate)) {
              const shape = `${describeForm(secret)}/${describeForm(identifier)}/${describeForm(candidate)}`
              assert.equal(api.verify(secret, identifier, candidate), vector.verified, shape)
              assert.equal(signer.verify(identifier, candidate), vector.verified, shape)
            }
          }
        }
      })
    }
  })

  describe('error.json', () => {
    for (const vector of loadVectors('error')) {
      it(vector.description, () => {
        const expected = (error) => {
          assert.equal(error.constructor, Error)
          assert.equal(error.code, vector.error)
          return true
        }
        for (const secret of argumentForms(vector.secret)) {
          for (const identifier of argumentForms(vector.identifier)) {
            assert.throws(() => api.identifierHash(secret, identifier), expected)
            assert.throws(() => api.verify(secret, identifier, '0'.repeat(64)), expected)
            assert.throws(() => api.diagnose(secret, identifier, '0'.repeat(64)), expected)
            if (vector.error === 'empty_secret') {
              assert.throws(() => new api.Signer(secret), expected)
            } else {
              assert.throws(() => new api.Signer(secret).identifierHash(identifier), expected)
            }
          }
        }
      })
    }
  })

  describe('diagnose.json', () => {
    for (const vector of loadVectors('diagnose')) {
      it(vector.description, () => {
        for (const secret of argumentForms(vector.secret)) {
          for (const identifier of argumentForms(vector.identifier)) {
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
          }
        }
      })
    }
  })
}
