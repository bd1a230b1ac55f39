// Types of chatwoot-identity/react (index.mjs and index.js). Only a type comes from the main
// entry: this one never loads the native addon.
import type { WidgetLoaderConfig } from '../index'

export type { WidgetLoaderConfig }

export interface ChatwootWidgetProps {
  /** From `widgetConfig()` on the server; `null` or `undefined` renders and applies nothing. */
  config: WidgetLoaderConfig | null | undefined
}

/**
 * A client component that applies `config` whenever it changes: loads Chatwoot's SDK once,
 * then sets, switches or resets the user (login, user switch, logout without a reload).
 * Renders nothing.
 */
export declare function ChatwootWidget(props: ChatwootWidgetProps): null

/** What `<ChatwootWidget>` calls: applies one config on this document (idempotent). */
export declare function applyChatwootConfig(config: WidgetLoaderConfig): void
