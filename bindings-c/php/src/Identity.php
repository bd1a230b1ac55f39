<?php

declare(strict_types=1);

namespace ChatwootIdentity;

use FFI;

/**
 * One-off hashing, verification and diagnosis. For many hashes with one secret, a Signer is
 * faster.
 */
final class Identity
{
    /**
     * The identifier_hash Chatwoot expects for $identifier: the lowercase hex HMAC-SHA256 keyed
     * with the inbox's HMAC secret. An int identifier is hashed as its decimal text.
     *
     * @throws EmptySecretException|EmptyIdentifierException
     */
    public static function identifierHash(#[\SensitiveParameter] string $secret, string|int $identifier): string
    {
        static $out = null;
        $ffi = Library::ffi();
        $out ??= $ffi->new('char[' . Library::HASH_BUFFER_LEN . ']', false, true);
        $identifier = is_int($identifier) ? Library::identifierText($identifier) : $identifier;
        $status = $ffi->chatwoot_identity_hash($secret, strlen($secret), $identifier, strlen($identifier), $out, Library::HASH_BUFFER_LEN);
        if ($status !== 0) {
            throw Library::exception($status);
        }
        return FFI::string($out, Library::HASH_LEN);
    }

    /**
     * Whether Chatwoot would accept $hash for $identifier: exactly 64 lowercase hex characters,
     * compared in constant time. A malformed hash is false, not an exception.
     *
     * @throws EmptySecretException|EmptyIdentifierException
     */
    public static function verify(#[\SensitiveParameter] string $secret, string|int $identifier, string $hash): bool
    {
        static $verified = null;
        $ffi = Library::ffi();
        $verified ??= $ffi->new('bool[1]', false, true);
        $identifier = Library::identifierText($identifier);
        Library::check($ffi->chatwoot_identity_verify($secret, strlen($secret), $identifier, strlen($identifier), $hash, strlen($hash), $verified));
        return $verified[0];
    }

    /**
     * Why Chatwoot would reject $hash: every known mistake (key and message swapped, uppercase,
     * Base64, a trailing newline, another algorithm, ...) that reproduces it.
     *
     * @throws EmptySecretException|EmptyIdentifierException
     */
    public static function diagnose(#[\SensitiveParameter] string $secret, string|int $identifier, string $hash): Diagnosis
    {
        $ffi = Library::ffi();
        $verified = $ffi->new('bool[1]');
        $mask = $ffi->new('uint32_t[1]');
        $identifier = Library::identifierText($identifier);
        Library::check($ffi->chatwoot_identity_diagnose($secret, strlen($secret), $identifier, strlen($identifier), $hash, strlen($hash), $verified, $mask));
        $findings = [];
        foreach (self::findingCatalogue() as $bit => $finding) {
            if ($mask[0] & (1 << $bit)) {
                $findings[] = $finding;
            }
        }
        return new Diagnosis($verified[0], $findings);
    }

    /** The library's version, e.g. "0.1.0". */
    public static function version(): string
    {
        return Library::ffi()->chatwoot_identity_version();
    }

    /** @return list<Finding> indexed by bit position in a findings mask */
    private static function findingCatalogue(): array
    {
        static $catalogue = null;
        if ($catalogue === null) {
            $ffi = Library::ffi();
            $catalogue = [];
            for ($bit = 0, $count = $ffi->chatwoot_identity_finding_count(); $bit < $count; $bit++) {
                $catalogue[] = new Finding($ffi->chatwoot_identity_finding_code($bit), $ffi->chatwoot_identity_finding_message($bit));
            }
        }
        return $catalogue;
    }
}
