'use client'
'use strict'

// chatwoot-identity/react: the widget in a React app. The server computes the config with
// `widgetConfig()` from 'chatwoot-identity' (the native addon, server only); this entry runs
// in the browser and never loads the addon. index.mjs gives `import` this same module.
const { useEffect } = require('react')
const { applyChatwootConfig } = require('./loader.generated.js')

/**
 * Applies `config` (from `widgetConfig()`) whenever it changes: loads Chatwoot's SDK once,
 * sets the user, switches users (reset() first) or logs out (reset()) without a reload.
 * Renders nothing. No config: does nothing.
 */
function ChatwootWidget({ config }) {
  // On the server there is nothing to do (effects never run there), and with
  // `serverExternalPackages` this file is loaded by Node itself, next to another copy of React
  // than the one rendering it: no hook may be called there. The condition never changes within
  // one environment, so the hooks run in the same order on every render.
  if (typeof window === 'undefined') return null
  // The same config again (a re-render, a refresh of an unchanged page) is not re-applied.
  const text = config ? JSON.stringify(config) : null
  useEffect(() => {
    if (text !== null) applyChatwootConfig(JSON.parse(text))
  }, [text])
  return null
}

module.exports = { ChatwootWidget, applyChatwootConfig }
