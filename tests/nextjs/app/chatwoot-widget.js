'use client'
// The package's client component, re-exported from a client module of the app: with
// `serverExternalPackages`, Next.js loads chatwoot-identity (all of it) with Node's require on
// the server, where the package's own 'use client' is not seen.
export { ChatwootWidget } from 'chatwoot-identity/react'
