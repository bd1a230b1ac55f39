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
  const document = JSON.parse(line[1])
  // The user's marker and digest (how the loader remembers who was signed in) are the core's
  // business: checked for their shape here, then left out so tests compare what Chatwoot gets.
  if (document.user) {
    const { marker, digest, ...user } = document.user
    assert.match(marker, /^[0-9a-f]{32}$/)
    assert.match(digest, /^[0-9a-f]{32}$/)
    document.user = user
  }
  return document
}

/** The nonce attribute of the snippet's script element, or undefined. */
function snippetNonce(snippet) {
  return /^<script nonce="([^"]+)">/.exec(snippet)?.[1]
}

module.exports = { snippetConfig, snippetNonce }
