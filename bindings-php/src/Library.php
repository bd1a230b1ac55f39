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
    /** The snippet with an ordinary user fits; bigger ones take a second call. */
    private const TEXT_BUFFER_LEN = 4096;
    private const INVALID_WIDGET_JSON = 10;
    private const BUFFER_TOO_SMALL = 101;

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

    /**
     * $value as the JSON document the widget functions take. Every value of the core's widget
     * schema is an object or a scalar, never a list, so PHP's empty array must be `{}`.
     *
     * @throws InvalidWidgetJsonException for what JSON cannot hold (NAN, INF, invalid UTF-8)
     */
    public static function widgetJson(array $value): string
    {
        try {
            return json_encode($value, JSON_THROW_ON_ERROR | JSON_FORCE_OBJECT | JSON_UNESCAPED_SLASHES
                | JSON_UNESCAPED_UNICODE | JSON_PRESERVE_ZERO_FRACTION);
        } catch (\JsonException $e) {
            $error = self::exception(self::INVALID_WIDGET_JSON);
            throw IdentityException::fromCode($error->getErrorCode(), "{$error->getMessage()} ({$e->getMessage()})", self::INVALID_WIDGET_JSON);
        }
    }

    /**
     * Runs a call that writes text of unknown length to (out, out_len, needed): first into a
     * reused buffer that fits nearly every snippet, and only when that is too small again into
     * one of the size the library asked for.
     *
     * The secret is handed to $call as an argument rather than captured by it: a captured
     * value would show in print_r() of an exception's trace; a #[\SensitiveParameter] does not.
     *
     * @param callable(?string, FFI\CData, int, FFI\CData): int $call
     */
    public static function sizedText(callable $call, #[\SensitiveParameter] ?string $secret = null): string
    {
        static $small = null, $needed = null;
        $ffi = self::ffi();
        $small ??= $ffi->new('char[' . self::TEXT_BUFFER_LEN . ']', false, true);
        $needed ??= $ffi->new('size_t[1]', false, true);
        $status = $call($secret, $small, self::TEXT_BUFFER_LEN, $needed);
        if ($status === self::BUFFER_TOO_SMALL) {
            $size = $needed[0];
            $large = $ffi->new("char[$size]");
            self::check($call($secret, $large, $size, $needed));
            return FFI::string($large, $needed[0] - 1);
        }
        self::check($status);
        return FFI::string($small, $needed[0] - 1);
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
