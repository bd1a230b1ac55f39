'use strict'

// The API is native; `binding.js` is the loader napi-rs generates for it. Done here: handing
// a batch's identifiers to the addon in chunks, cutting a batch's result strings into arrays
// (a JavaScript slice costs about half of a Node-API call per hash, and it shares the batch's
// text), parsing the core's `setUser` payload, the table of error codes, and a redacted
// `util.inspect` for WebhookVerifier. The webhook calls read their options in `webhook.js`.
const util = require('node:util')
const binding = require('./native.js') // binding.js, with a clear error when no binary fits

const { identifierHash, verify, diagnose, Signer, widgetScript, resetScript } = binding
const { verifyWebhook, WebhookVerifier, signWebhook, diagnoseWebhook } = require('./webhook.js')

const { HASH_LENGTH } = binding
const { identifierHashesByRound, identifierHashesConcatenatedAsync } = Signer.prototype

// A batch's identifiers reach the addon as the arguments of one call of `push` per chunk:
// Node-API hands over all of a call's arguments at once, where it reads an array one element
// per call. `Reflect.apply` and the prototype's own `slice` read the array as a list, so an
// array's own overrides, a patched `Array.prototype` or iterator change nothing.
const ITEMS_PER_PUSH = 1024
const push = binding.itemPusher()
const { slice } = Array.prototype
function readItems(identifiers, start, end) {
  for (let at = start; at < end; at += ITEMS_PER_PUSH) {
    Reflect.apply(push, undefined, Reflect.apply(slice, identifiers, [at, Math.min(end, at + ITEMS_PER_PUSH)]))
  }
}

function splitHashes(concatenated) {
  const hashes = new Array(concatenated.length / HASH_LENGTH)
  for (let i = 0, at = 0; i < hashes.length; i++, at += HASH_LENGTH) {
    hashes[i] = concatenated.slice(at, at + HASH_LENGTH)
  }
  return hashes
}

Object.defineProperties(Signer.prototype, {
  identifierHashes: {
    // The core hashes the next round on its threads while this slices the current one.
    value: function identifierHashes(identifiers) {
      const hashes = new Array(Array.isArray(identifiers) ? identifiers.length : 0)
      let i = 0
      identifierHashesByRound.call(this, identifiers, readItems, (round) => {
        for (let at = 0; at < round.length; at += HASH_LENGTH) hashes[i++] = round.slice(at, at + HASH_LENGTH)
      })
      return hashes
    },
    writable: true,
    configurable: true,
  },
  identifierHashesAsync: {
    // Not `async`: a bad argument throws at the call, as in the synchronous variant.
    value: function identifierHashesAsync(identifiers) {
      return identifierHashesConcatenatedAsync.call(this, identifiers, readItems).then(splitHashes)
    },
    writable: true,
    configurable: true,
  },
})

// The object holds no property (the secret lives in the core's zeroized state); inspecting it
// shows its settings and says the secret is there but hidden.
Object.defineProperty(WebhookVerifier.prototype, util.inspect.custom, {
  value: function inspect() {
    return `WebhookVerifier { secret: [redacted], tolerance: ${this.tolerance}, checkAge: ${this.checkAge} }`
  },
  writable: true,
  configurable: true,
})

/** Every `err.code` the core can give, in its table's order, with its one-sentence summary. */
const errorCodes = Object.freeze(Object.fromEntries(binding.errorCodeTable()))

/**
 * The config `chatwoot-identity/react`'s `<ChatwootWidget config>` applies in the browser: the
 * document `widgetScript` embeds in its snippet, as a plain (serializable) object.
 */
function widgetConfig(options) {
  return JSON.parse(binding.widgetConfigJson(options))
}

/** The `setUser` payload for a single-page or React Native app, as an object. */
function setUserPayload(hmacSecret, user) {
  return JSON.parse(binding.setUserPayloadJson(hmacSecret, user))
}

module.exports = {
  identifierHash,
  verify,
  diagnose,
  Signer,
  widgetScript,
  widgetConfig,
  setUserPayload,
  resetScript,
  errorCodes,
  verifyWebhook,
  WebhookVerifier,
  signWebhook,
  diagnoseWebhook,
}
