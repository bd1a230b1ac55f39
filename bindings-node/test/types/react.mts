// chatwoot-identity/react under `tsc --strict`: the component takes what widgetConfig returns.
import { widgetConfig } from 'chatwoot-identity'
import type { WidgetLoaderConfig } from 'chatwoot-identity'
import { ChatwootWidget, applyChatwootConfig } from 'chatwoot-identity/react'
import type { ChatwootWidgetProps } from 'chatwoot-identity/react'

const config: WidgetLoaderConfig = widgetConfig({
  baseUrl: 'https://app.chatwoot.com',
  websiteToken: 'QrtMG8GydFgEy7bVzsLLmHoq',
  hmacSecret: 's',
  user: { identifier: 'u', email: 'u@example.com' },
  nonce: 'abc',
})
const hash: string | undefined = config.user?.attributes.identifier_hash
const props: ChatwootWidgetProps = { config }
const rendered: null = ChatwootWidget(props)
ChatwootWidget({ config: null })
applyChatwootConfig(config)
// @ts-expect-error the config comes from widgetConfig, not from widgetScript's options
ChatwootWidget({ config: { baseUrl: 'https://app.chatwoot.com' } })
// @ts-expect-error a config is required
applyChatwootConfig()

export { hash, rendered }
