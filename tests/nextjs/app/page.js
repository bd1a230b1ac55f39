import { cookies, headers } from 'next/headers'
import { widgetConfig } from 'chatwoot-identity'
import { ChatwootWidget } from './chatwoot-widget'
import { Session } from './session'
import { FlawedWidget } from './flaws'
import users from './users.json'

// The addon is native: this page runs on the Node.js runtime (the default), never on the edge.
export const runtime = 'nodejs'

// Deliberately broken variants for the test (test/flaws.test.js); unset in a real app.
const FLAW = process.env.CHATWOOT_TEST_FLAW || null

export default async function Page() {
  const csp = (await headers()).get('content-security-policy') ?? ''
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1]
  const name = (await cookies()).get('session')?.value
  const user = Object.hasOwn(users, name ?? '') ? users[name] : FLAW === 'default-user' ? users.alice : null
  const config = widgetConfig({
    baseUrl: process.env.CHATWOOT_BASE_URL,
    websiteToken: process.env.CHATWOOT_WEBSITE_TOKEN,
    hmacSecret: FLAW === 'wrong-hash' ? 'another-inbox-secret' : process.env.CHATWOOT_HMAC_SECRET,
    user,
    nonce: FLAW === 'no-nonce' ? undefined : nonce,
  })
  return (
    <main>
      <h1>{name && user ? name : 'anonymous'}</h1>
      <Session flaw={FLAW} />
      {FLAW ? <FlawedWidget flaw={FLAW} config={config} /> : <ChatwootWidget config={config} />}
    </main>
  )
}
