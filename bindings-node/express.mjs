// ES module entry of the Express middleware.
import middleware from './express.js'

export const { chatwootWidget } = middleware
export const { chatwootWebhook } = middleware
