'use client'
// Deliberately broken widgets, chosen by CHATWOOT_TEST_FLAW at `next start`, so the test can
// show that each of its checks fails on the mistake it guards against. Not for real apps.
import { useEffect } from 'react'
import { ChatwootWidget, applyChatwootConfig } from 'chatwoot-identity/react'

// Applies the first config only: never follows login, user switch or logout.
function ApplyOnce({ config }) {
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => applyChatwootConfig(config), [])
  return null
}

// What a hand-written component does: load the SDK and call setUser on every change, never
// reset() (the previous user's conversation stays; a logout is ignored).
function Naive({ config }) {
  const text = JSON.stringify(config)
  useEffect(() => {
    const { baseUrl, websiteToken, nonce, user } = JSON.parse(text)
    const sdk = document.createElement('script')
    sdk.src = `${baseUrl}/packs/js/sdk.js`
    if (nonce) sdk.nonce = nonce
    sdk.onload = () => window.chatwootSDK.run({ websiteToken, baseUrl })
    document.head.appendChild(sdk)
    if (!user) return
    const setUser = () => window.$chatwoot.setUser(user.identifier, user.attributes)
    if (window.$chatwoot?.hasLoaded) setUser()
    else window.addEventListener('chatwoot:ready', setUser, { once: true })
  }, [text])
  return null
}

export function FlawedWidget({ flaw, config }) {
  if (flaw === 'apply-once') return <ApplyOnce config={config} />
  if (flaw === 'naive') return <Naive config={config} />
  return <ChatwootWidget config={config} />
}
