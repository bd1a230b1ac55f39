'use strict'

// The API is native; `binding.js` is the loader napi-rs generates for it. Done here: cutting a
// batch's single result string into an array (a JavaScript slice is far cheaper than a
// Node-API call per hash; each slice shares the batch's string, which lives as long as any of
// its hashes), parsing the core's `setUser` payload, and `widgetScript` on unprepared options.
const binding = require('./binding.js')

const { identifierHash, verify, diagnose, Signer, WidgetConfig, resetScript } = binding

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

/**
 * The widget snippet for a page. `config` is a prepared `WidgetConfig`, or its options (then
 * prepared on each call: in a server, prepare it once).
 */
function widgetScript(config, user, nonce) {
  const prepared = config instanceof WidgetConfig ? config : new WidgetConfig(config)
  return prepared.widgetScript(user, nonce)
}

/** The `setUser` payload for a single-page or React Native app, as an object. */
function setUserPayload(secret, user) {
  return JSON.parse(binding.setUserPayloadJson(secret, user))
}

module.exports = {
  identifierHash,
  verify,
  diagnose,
  Signer,
  WidgetConfig,
  widgetScript,
  setUserPayload,
  resetScript,
}
