// Types of the package entry points (`index.js` and `index.mjs`). The functions and the class
// are declared in `binding.d.ts`, generated from the Rust doc comments; the two batch methods,
// which `index.js` completes, are declared here.
export { identifierHash, verify, diagnose, Signer } from './binding'
export type { Diagnosis, Finding } from './binding'

/** What a secret or an `identifier_hash` may be given as. */
export type Bytes = string | Uint8Array

/** What an identifier may be given as: text, bytes, a safe integer or a bigint. */
export type Identifier = string | Uint8Array | number | bigint

declare module './binding' {
  interface Signer {
    /**
     * The hashes of many identifiers, in order; large batches use every core. Blocks the
     * event loop while it runs: in a server prefer `identifierHashesAsync`. Throws `Error`
     * with `code: 'empty_identifier'` naming the index of an empty identifier.
     */
    identifierHashes(identifiers: ReadonlyArray<Identifier>): string[]
    /**
     * Like `identifierHashes`, but hashes on Node's thread pool so the event loop keeps
     * serving requests. Bad argument types throw at once; an empty identifier rejects.
     */
    identifierHashesAsync(identifiers: ReadonlyArray<Identifier>): Promise<string[]>
  }
}
