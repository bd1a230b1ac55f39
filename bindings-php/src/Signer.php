<?php

declare(strict_types=1);

namespace ChatwootIdentity;

use FFI;

/**
 * An inbox's HMAC secret prepared once; each hash then costs about half as much, and it signs
 * widget users too (Identity::widgetScript's $hmacSecret). The prepared key is wiped when the
 * Signer is destroyed. It cannot be serialized or cloned: it holds native
 * memory, and copying a secret around is what it exists to avoid.
 */
final class Signer
{
    private FFI $ffi;
    private FFI\CData $handle;
    private FFI\CData $out;
    private FFI\CData $verified;

    /** @throws EmptySecretException */
    public function __construct(#[\SensitiveParameter] string $secret)
    {
        $this->ffi = Library::ffi();
        // The pointer itself, written through its address: reading an element out of a pointer
        // array makes PHP's FFI leak about 100 bytes a read (MemoryTest).
        $handle = $this->ffi->new('chatwoot_identity_signer*');
        Library::check($this->ffi->chatwoot_identity_signer_new($secret, strlen($secret), FFI::addr($handle)));
        $this->handle = $handle;
        // Reused by every call: PHP runs one call at a time per object.
        $this->out = $this->ffi->new('char[' . Library::HASH_BUFFER_LEN . ']');
        $this->verified = $this->ffi->new('bool[1]');
    }

    public function __destruct()
    {
        if (isset($this->handle)) {
            $this->ffi->chatwoot_identity_signer_free($this->handle);
            unset($this->handle);
        }
    }

    /** @throws EmptyIdentifierException */
    public function identifierHash(string|int $identifier): string
    {
        if (is_int($identifier)) {
            $identifier = Library::identifierText($identifier);
        }
        $status = $this->ffi->chatwoot_identity_signer_identifier_hash($this->handle, $identifier, strlen($identifier), $this->out, Library::HASH_BUFFER_LEN);
        if ($status !== 0) {
            throw Library::exception($status);
        }
        return FFI::string($this->out, Library::HASH_LEN);
    }

    /** Constant time; a malformed identifierHash is false, not an exception. @throws EmptyIdentifierException */
    public function verify(string|int $identifier, string $identifierHash): bool
    {
        $identifier = Library::identifierText($identifier);
        Library::check($this->ffi->chatwoot_identity_signer_verify($this->handle, $identifier, strlen($identifier), $identifierHash, strlen($identifierHash), $this->verified));
        return $this->verified[0];
    }

    /**
     * Hashes many identifiers in one call, keeping keys and order; large batches use every core.
     *
     * @param array<array-key, string|int> $identifiers
     * @return array<array-key, string>
     * @throws EmptyIdentifierException naming the position of the first empty identifier
     *         ("identifiers[2] must not be empty: ...")
     */
    public function identifierHashes(array $identifiers): array
    {
        if ($identifiers === []) {
            return [];
        }
        $texts = [];
        $position = 0;
        foreach ($identifiers as $identifier) {
            if (is_string($identifier)) {
                $texts[] = $identifier;
            } elseif (is_int($identifier)) {
                $texts[] = Library::identifierText($identifier);
            } else {
                throw new \TypeError(sprintf('identifiers[%d] must be of type string|int, %s given', $position, get_debug_type($identifier)));
            }
            $position++;
        }
        $count = count($texts);
        // Two flat buffers cross the boundary: the identifiers back to back and their lengths.
        $data = implode('', $texts);
        $lengths = pack('Q*', ...array_map('strlen', $texts));
        $out = $this->ffi->new('char[' . ($count * Library::HASH_LEN) . ']', false);
        try {
            Library::check($this->ffi->chatwoot_identity_signer_identifier_hashes($this->handle, $data, strlen($data), $lengths, $count, $out, $count * Library::HASH_LEN));
            $hashes = str_split(FFI::string($out, $count * Library::HASH_LEN), Library::HASH_LEN);
        } finally {
            FFI::free($out);
        }
        return array_combine(array_keys($identifiers), $hashes);
    }

    /** @internal the C signer, for the widget functions */
    public function handle(): FFI\CData
    {
        return $this->handle;
    }

    public function __serialize(): array
    {
        throw new \LogicException('a ChatwootIdentity\Signer cannot be serialized: create one from the secret where it is needed');
    }

    public function __clone()
    {
        // PHP has already made the copy, and destroys it when this throws: it must not free the
        // native signer it shares with the original, which would go on using freed memory.
        unset($this->handle);
        throw new \LogicException('a ChatwootIdentity\Signer cannot be cloned: share the same instance');
    }

    /** @return array<string, string> */
    public function __debugInfo(): array
    {
        return ['secret' => '<redacted>'];
    }
}
