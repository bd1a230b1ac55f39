'use client'
// chatwoot-identity/react for `import`: the CommonJS module itself (index.js), so there is one
// component and one generated loader. Whoever bundles a React component already bundles
// CommonJS: the `react` package is CommonJS only.
export { ChatwootWidget, applyChatwootConfig } from './index.js'
