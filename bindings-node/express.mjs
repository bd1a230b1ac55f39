// ES module entry of the Express middlewares.
import middleware from './express.js'

export const { chatwootWidget, chatwootAutoInject } = middleware
export const { chatwootWebhook } = middleware
