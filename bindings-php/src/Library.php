<?php

declare(strict_types=1);

namespace ChatwootIdentity;

use FFI;

/**
 * The loaded libchatwoot_identity: one FFI instance per process, plus the conversions every
 * call shares (a failure to its exception, values to JSON, integer identifiers to text).
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
            throw new LibraryException('chatwoot-identity needs the PHP FFI extension (ext-ffi; Debian: php-cli has it)');
        }
        if ((ini_get('ffi.preload') || ini_get('opcache.preload')) && self::preloaded()) {
            return FFI::scope(self::SCOPE);
        }
        try {
            return FFI::cdef(self::declarations(), self::path());
        } catch (\FFI\Exception $e) {
            throw new LibraryException(sprintf(
                'chatwoot-identity cannot load %s: %s. Build it (make -C bindings-c lib) or install it '
                . '(make -C bindings-c install), then set the CHATWOOT_IDENTITY_LIB environment variable to the '
                . 'path of libchatwoot_identity.so, or put it on the dynamic loader\'s path; FFI must be allowed '
                . '(ffi.enable=1, or ffi.enable=preload with ffi.preload=%s under PHP-FPM).',
                self::path(),
                $e->getMessage(),
                self::headerPath(),
            ), 0, $e);
        }
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

    /**
     * The shared library: $CHATWOOT_IDENTITY_LIB, else the one the Composer package carries for
     * this platform (lib/linux-x86_64/), else the dynamic loader's search path.
     */
    public static function path(): string
    {
        $path = getenv('CHATWOOT_IDENTITY_LIB');
        if (is_string($path) && $path !== '') {
            return $path;
        }
        $bundled = dirname(__DIR__) . '/lib/' . strtolower(PHP_OS_FAMILY) . '-' . php_uname('m') . '/libchatwoot_identity.so';
        return is_file($bundled) ? $bundled : 'libchatwoot_identity.so';
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

    /**
     * The failure the library just reported: its code's class, with the core's exact message
     * (the library keeps it as this thread's last error) and whether a wrong type caused it.
     */
    public static function exception(int $status): IdentityException
    {
        $ffi = self::ffi();
        $message = self::sizedText('chatwoot_identity_last_error_message');
        return IdentityException::fromCode(
            $ffi->chatwoot_identity_status_code($status) ?? 'internal',
            $message,
            $status,
            $ffi->chatwoot_identity_last_error_is_wrong_type(),
        );
    }

    /**
     * $value as the JSON document the widget functions take. JSON_THROW_ON_ERROR refuses what
     * JSON cannot hold (NAN, INF, invalid UTF-8, resources); every other value goes to the core,
     * which names the path of one of the wrong shape. The core's shapes hold objects and scalars,
     * never lists, so an empty PHP array is sent as `{}`.
     *
     * @param string $root the parameter's name, for the message of a value JSON cannot hold
     * @throws InvalidWidgetRequestException
     */
    public static function widgetJson(string $root, array $value): string
    {
        try {
            return json_encode(self::emptyArraysAsObjects($value), JSON_THROW_ON_ERROR | JSON_UNESCAPED_SLASHES
                | JSON_UNESCAPED_UNICODE | JSON_PRESERVE_ZERO_FRACTION);
        } catch (\JsonException $e) {
            throw IdentityException::fromCode('invalid_widget_request', "$root: {$e->getMessage()}", 0, false, $e);
        }
    }

    private static function emptyArraysAsObjects(array $value): array|\stdClass
    {
        if ($value === []) {
            return new \stdClass();
        }
        foreach ($value as $key => $item) {
            if (is_array($item)) {
                $value[$key] = self::emptyArraysAsObjects($item);
            }
        }
        return $value;
    }

    /**
     * Runs $use with the C signer of $hmacSecret (null for none); a secret given as a string is
     * prepared for this call only.
     *
     * @template T
     * @param callable(?FFI\CData): T $use
     * @return T
     */
    public static function withSigner(#[\SensitiveParameter] Signer|string|null $hmacSecret, callable $use): mixed
    {
        $signer = is_string($hmacSecret) ? new Signer($hmacSecret) : $hmacSecret;
        return $use($signer?->handle());
    }

    /**
     * Calls the library's $function, which writes text of unknown length to the (out, out_len,
     * needed) that follow $arguments: first into a reused buffer that fits nearly every snippet,
     * and only when that is too small again into one of the size the library asked for. The
     * arguments are parameters rather than a closure's captures, so that a trace through here
     * shows none of them (a closure's captures, a secret among them, show in traces).
     */
    public static function sizedText(string $function, #[\SensitiveParameter] mixed ...$arguments): string
    {
        static $small = null, $needed = null;
        $ffi = self::ffi();
        $small ??= $ffi->new('char[' . self::TEXT_BUFFER_LEN . ']', false, true);
        $needed ??= $ffi->new('size_t[1]', false, true);
        $status = $ffi->$function(...[...$arguments, $small, self::TEXT_BUFFER_LEN, $needed]);
        if ($status === self::BUFFER_TOO_SMALL) {
            $size = $needed[0];
            $large = $ffi->new("char[$size]");
            self::check($ffi->$function(...[...$arguments, $large, $size, $needed]));
            return FFI::string($large, $needed[0] - 1);
        }
        self::check($status);
        return FFI::string($small, $needed[0] - 1);
    }

    /**
     * The findings a mask names (bit i is finding i of the table), from one of the library's
     * finding tables, read once: 'finding' (chatwoot_identity_finding_count, _code, _message:
     * why a hash is rejected) or 'webhook_finding' (chatwoot_identity_webhook_finding_...).
     *
     * @return list<Finding>
     */
    public static function findings(string $table, int $mask): array
    {
        static $catalogues = [];
        if (!isset($catalogues[$table])) {
            $ffi = self::ffi();
            $prefix = "chatwoot_identity_{$table}_";
            $catalogues[$table] = [];
            for ($bit = 0, $count = $ffi->{$prefix . 'count'}(); $bit < $count; $bit++) {
                $catalogues[$table][] = new Finding($ffi->{$prefix . 'code'}($bit), $ffi->{$prefix . 'message'}($bit));
            }
        }
        $findings = [];
        foreach ($catalogues[$table] as $bit => $finding) {
            if ($mask & (1 << $bit)) {
                $findings[] = $finding;
            }
        }
        return $findings;
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
