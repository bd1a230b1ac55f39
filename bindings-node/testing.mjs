// ES module entry of the test kit.
import testing from './testing.js'

export const {
  assertChatwootIdentifies,
  assertChatwootAnonymous,
  assertChatwootPayloadIdentifies,
  checkChatwootIdentifies,
  readChatwootPage,
} = testing
