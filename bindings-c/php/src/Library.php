<?php

declare(strict_types=1);

namespace ChatwootIdentity;

use FFI;

/**
 * The loaded libchatwoot_identity: one FFI instance per process, plus the conversions every
 * call shares (status to exception, integer identifiers to text).
 *
 * @internal
 */
final class Library
{
    public const HASH_LEN = 64;
    public const HASH_BUFFER_LEN = 65;
    private const INTEGER_BUFFER_LEN = 21;
    private const SCOPE = 'CHATWOOT_IDENTITY';

    private static ?FFI $ffi = null;

    public static function ffi(): FFI
    {
        return self::$ffi ??= self::load();
    }

    /**
     * The scope preloaded at server start (ffi.preload naming ffi/chatwoot_identity_ffi.h: the
     * way for PHP-FPM, where ffi.enable=preload forbids FFI::cdef in requests), else the library
     * on disk.
     */
    private static function load(): FFI
    {
        if (!extension_loaded('ffi')) {
            throw new \RuntimeException('chatwoot-identity needs the PHP FFI extension (ext-ffi)');
        }
        if ((ini_get('ffi.preload') || ini_get('opcache.preload')) && self::preloaded()) {
            return FFI::scope(self::SCOPE);
        }
        return FFI::cdef(self::declarations(), self::path());
    }

    private static function preloaded(): bool
    {
        try {
            FFI::scope(self::SCOPE);
            return true;
        } catch (\Throwable) {
            return false;
        }
    }

    /** The shared library: $CHATWOOT_IDENTITY_LIB, else the dynamic loader's search path. */
    public static function path(): string
    {
        $path = getenv('CHATWOOT_IDENTITY_LIB');
        return is_string($path) && $path !== '' ? $path : 'libchatwoot_identity.so';
    }

    /** The C declarations of ffi/chatwoot_identity_ffi.h without its FFI::load directives. */
    public static function declarations(): string
    {
        $header = file_get_contents(self::headerPath());
        return preg_replace('/^#define FFI_\w+ .*$/m', '', $header);
    }

    public static function headerPath(): string
    {
        return dirname(__DIR__) . '/ffi/chatwoot_identity_ffi.h';
    }

    /** Throws the exception for a non-zero status. */
    public static function check(int $status): void
    {
        if ($status !== 0) {
            throw self::exception($status);
        }
    }

    public static function exception(int $status): IdentityException
    {
        $ffi = self::ffi();
        $code = $ffi->chatwoot_identity_status_code($status) ?? 'internal';
        return IdentityException::fromCode($code, $ffi->chatwoot_identity_status_message($status), $status);
    }

    /** The identifier text of an int, by the core's rule (Chatwoot hashes identifier.to_s). */
    public static function identifierText(string|int $identifier): string
    {
        if (is_string($identifier)) {
            return $identifier;
        }
        static $buffer = null, $written = null;
        $ffi = self::ffi();
        $buffer ??= $ffi->new('char[' . self::INTEGER_BUFFER_LEN . ']', false, true);
        $written ??= $ffi->new('size_t[1]', false, true);
        self::check($ffi->chatwoot_identity_integer_identifier_i64($identifier, $buffer, self::INTEGER_BUFFER_LEN, $written));
        return FFI::string($buffer, $written[0]);
    }
}
