'use strict'

// Turns the vector files' `{utf8|hex|integer}` values into JavaScript arguments.
const fs = require('node:fs')
const path = require('node:path')
const { vectorsDir } = require('../paths.js')

function loadVectors(name) {
  const file = JSON.parse(fs.readFileSync(path.join(vectorsDir, `${name}.json`), 'utf8'))
  if (!Array.isArray(file.vectors) || file.vectors.length === 0) {
    throw new Error(`${name}.json has no vectors`)
  }
  return file.vectors
}

/** Every way the package accepts `value`: the natural one first. */
function argumentForms(value) {
  const [kind, ...others] = Object.keys(value)
  if (others.length > 0) throw new Error(`a value has more than one key: ${JSON.stringify(value)}`)
  const raw = value[kind]
  switch (kind) {
    case 'utf8':
      return [raw, Buffer.from(raw, 'utf8'), new Uint8Array(Buffer.from(raw, 'utf8'))]
    case 'hex':
      // Invalid UTF-8 cannot be a JavaScript string: bytes only.
      return [Buffer.from(raw, 'hex'), new Uint8Array(Buffer.from(raw, 'hex'))]
    case 'integer': {
      const big = BigInt(raw)
      const forms = [big, raw]
      if (big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER)) {
        forms.push(Number(big))
      }
      return forms
    }
    default:
      throw new Error(`unknown value kind ${kind}`)
  }
}

function describeForm(form) {
  if (typeof form === 'bigint') return 'bigint'
  if (Buffer.isBuffer(form)) return 'Buffer'
  if (form instanceof Uint8Array) return 'Uint8Array'
  return typeof form
}

module.exports = { loadVectors, argumentForms, describeForm }
