// Compiled with `tsc --strict`: the right calls type-check, and every `@ts-expect-error` line
// must really be an error, or tsc fails ("Unused '@ts-expect-error' directive").
import { identifierHash, verify, diagnose, Signer } from 'chatwoot-identity'
import type { Diagnosis, Finding, Identifier, Bytes } from 'chatwoot-identity'

const secret: Bytes = 'your-secret-token-for-hmac'
const hash: string = identifierHash(secret, 'user-42')
identifierHash(Buffer.from('s'), new Uint8Array([1]))
identifierHash(secret, 42)
identifierHash(secret, 42n)
const ok: boolean = verify(secret, 'user-42', hash)
verify(secret, 7, Buffer.from(hash))

const diagnosis: Diagnosis = diagnose(secret, 'user-42', hash)
const verified: boolean = diagnosis.verified
const first: Finding | undefined = diagnosis.findings[0]
const code: string | undefined = first?.code

const signer = new Signer(secret)
const one: string = signer.identifierHash('user-42')
const many: string[] = signer.identifierHashes(['a', 1, 2n, Buffer.from('b')] as const)
const later: Promise<string[]> = signer.identifierHashesAsync(['a'])
const ids: Identifier[] = ['a', 1, 2n]
signer.identifierHashes(ids)
const same: boolean = signer.verify(1, one)

// @ts-expect-error: the identifier is required
identifierHash(secret)
// @ts-expect-error: null is no identifier
identifierHash(secret, null)
// @ts-expect-error: undefined is no identifier
identifierHash(secret, undefined)
// @ts-expect-error: an object is no identifier
identifierHash(secret, { id: 1 })
// @ts-expect-error: a secret cannot be a number
identifierHash(42, 'user-42')
// @ts-expect-error: a secret cannot be a bigint
new Signer(42n)
// @ts-expect-error: the hash cannot be a number
verify(secret, 'user-42', 42)
// @ts-expect-error: verify needs the hash
signer.verify('user-42')
// @ts-expect-error: the result is a string, not a number
const wrong: number = signer.identifierHash('user-42')
// @ts-expect-error: a batch is an array, not one identifier
signer.identifierHashes('user-42')
// @ts-expect-error: no nulls in a batch
signer.identifierHashes(['a', null])
// @ts-expect-error: the async batch resolves to strings
const wrongLater: Promise<number[]> = signer.identifierHashesAsync(['a'])
// @ts-expect-error: findings carry code and message only
diagnosis.findings[0]?.severity
// @ts-expect-error: Signer must be constructed with new and a secret
new Signer()

export { ok, verified, code, many, later, same, wrong, wrongLater }
