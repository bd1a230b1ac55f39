'use strict'

// Reads back what a rendered widget snippet carries, independently of the code under test:
// the one JSON document the core splices into its loader.
const assert = require('node:assert/strict')

const CONFIG_LINE = /^ {2}var config = (.*);$/m

/** The document inside `snippet`, after checking the snippet is a single script element. */
function snippetConfig(snippet) {
  assert.match(snippet, /^<script( nonce="[^"]+")?>\n/)
  assert.equal(snippet.split('</script>').length, 2, 'exactly one closing script tag')
  assert.ok(snippet.endsWith('\n</script>'))
  const line = CONFIG_LINE.exec(snippet)
  assert.ok(line, 'no config document in the snippet')
  for (const character of ['<', '>', '&', "'", '\u2028', '\u2029']) {
    assert.ok(!line[1].includes(character), `unescaped ${JSON.stringify(character)}`)
  }
  return JSON.parse(line[1])
}

/** The nonce attribute of the snippet's script element, or undefined. */
function snippetNonce(snippet) {
  return /^<script nonce="([^"]+)">/.exec(snippet)?.[1]
}

module.exports = { snippetConfig, snippetNonce }
