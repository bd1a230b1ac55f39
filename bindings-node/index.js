'use strict'

// The API is native; `binding.js` is the loader napi-rs generates for it. The one thing done
// here is cutting a batch's single result string into an array: a JavaScript slice is far
// cheaper than a Node-API call per hash. (Each slice shares the batch's string, which lives as
// long as any of its hashes.)
const { identifierHash, verify, diagnose, Signer } = require('./binding.js')

const HASH_LENGTH = 64
const { identifierHashesConcatenated, identifierHashesConcatenatedAsync } = Signer.prototype

function splitHashes(concatenated) {
  const hashes = new Array(concatenated.length / HASH_LENGTH)
  for (let i = 0, at = 0; i < hashes.length; i++, at += HASH_LENGTH) {
    hashes[i] = concatenated.slice(at, at + HASH_LENGTH)
  }
  return hashes
}

Object.defineProperties(Signer.prototype, {
  identifierHashes: {
    value: function identifierHashes(identifiers) {
      return splitHashes(identifierHashesConcatenated.call(this, identifiers))
    },
    writable: true,
    configurable: true,
  },
  identifierHashesAsync: {
    // Not `async`: a bad argument throws at the call, as in the synchronous variant.
    value: function identifierHashesAsync(identifiers) {
      return identifierHashesConcatenatedAsync.call(this, identifiers).then(splitHashes)
    },
    writable: true,
    configurable: true,
  },
})

module.exports = { identifierHash, verify, diagnose, Signer }
