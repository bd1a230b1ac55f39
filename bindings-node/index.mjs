// ES module entry: the same functions, as named exports.
import binding from './index.js'

export const {
  identifierHash,
  verify,
  diagnose,
  Signer,
  widgetScript,
  widgetConfig,
  setUserPayload,
  resetScript,
  errorCodes,
  verifyWebhook,
  WebhookVerifier,
  signWebhook,
  diagnoseWebhook,
} = binding
