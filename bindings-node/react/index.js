'use client'
'use strict'

// chatwoot-identity/react for CommonJS: the same component as index.mjs (see there).
const { useEffect } = require('react')
const { applyChatwootConfig } = require('./loader.generated.js')

function ChatwootWidget({ config }) {
  // Nothing to do on the server, where no hook may be called (see index.mjs).
  if (typeof window === 'undefined') return null
  const text = config ? JSON.stringify(config) : null
  useEffect(() => {
    if (text !== null) applyChatwootConfig(JSON.parse(text))
  }, [text])
  return null
}

module.exports = { ChatwootWidget, applyChatwootConfig }
