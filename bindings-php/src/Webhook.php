<?php

declare(strict_types=1);

namespace ChatwootIdentity;

use FFI;

/**
 * What the webhook calls share: reading the caller's arguments, lending a header list to C, and
 * turning C's results into objects. Every rule (which headers are Chatwoot's, how their values
 * read, the age check) is the library's; this only converts.
 *
 * @internal
 */
final class Webhook
{
    public const DEFAULT_TOLERANCE = 300;

    /**
     * The two header values of a call that takes EITHER $headers OR $signature and $timestamp:
     * null when $headers is to be used.
     *
     * @return array{string, string}|null
     */
    public static function values(?iterable $headers, ?string $signature, ?string $timestamp): ?array
    {
        if ($headers !== null) {
            if ($signature !== null || $timestamp !== null) {
                throw new \ArgumentCountError('pass either headers, or signature and timestamp, not both');
            }
            return null;
        }
        // An absent value is "": the library reports it as missing.
        return [$signature ?? '', $timestamp ?? ''];
    }

    /** Unix seconds: $seconds, or the clock's when null. */
    public static function now(?int $seconds, string $parameter = 'now'): int
    {
        if ($seconds === null) {
            return time();
        }
        if ($seconds < 0) {
            throw new \ValueError("$parameter must be Unix seconds (>= 0), got $seconds");
        }
        return $seconds;
    }

    public static function tolerance(int $tolerance): int
    {
        if ($tolerance < 0) {
            throw new \ValueError("tolerance must be >= 0 seconds, got $tolerance (checkAge: false turns the age check off)");
        }
        return $tolerance;
    }

    /**
     * A host's headers as (name, value) pairs: PSR-7 getHeaders() (name => list of values),
     * getallheaders() (name => value), $_SERVER (HTTP_X_CHATWOOT_SIGNATURE => value; its
     * other entries, numbers and argv included, are simply not Chatwoot's), or a list of
     * [name, value] pairs. A number is its decimal text, as in a header; a pair is a header by
     * construction, so a pair's value that is not text is a TypeError rather than skipped.
     *
     * @param iterable<mixed, mixed> $headers
     * @return list<array{string, string}>
     */
    public static function pairs(iterable $headers): array
    {
        $pairs = [];
        foreach ($headers as $name => $value) {
            if (is_int($name) && is_array($value) && array_is_list($value) && count($value) === 2 && is_string($value[0])) {
                $pairs[] = [$value[0], self::headerText($value[1])
                    ?? throw new \TypeError(sprintf('headers[%d] must be a [name, value] pair of strings, [string, %s] given', $name, get_debug_type($value[1])))];
                continue;
            }
            $name = (string) $name;
            foreach (is_array($value) ? $value : [$value] as $item) {
                $text = self::headerText($item);
                if ($text !== null) {
                    $pairs[] = [$name, $text];
                } elseif ($item !== null && !is_bool($item) && !is_array($item)) {
                    throw new \TypeError(sprintf('headers[%s] must be a string or a list of strings, %s given', $name, get_debug_type($item)));
                }
            }
        }
        return $pairs;
    }

    /** A header value as text: a string as it is, a number as its decimal text; null otherwise. */
    private static function headerText(mixed $value): ?string
    {
        return is_string($value) ? $value : (is_int($value) || is_float($value) ? (string) $value : null);
    }

    /**
     * The header list as C arrays: [names, name lengths, values, value lengths, count, buffer].
     * Names and values are copied back to back into one buffer (headers are small; the body is
     * never copied), with pointers into it; keep the returned array alive during the call. (No
     * callback: a closure would hold the caller's secret, and traces show what closures hold.)
     *
     * @param iterable<mixed, mixed> $headers
     * @return array{?FFI\CData, string, ?FFI\CData, string, int, ?FFI\CData}
     */
    public static function headerArrays(iterable $headers): array
    {
        $pairs = self::pairs($headers);
        $count = count($pairs);
        if ($count === 0) {
            return [null, '', null, '', 0, null];
        }
        $ffi = Library::ffi();
        $data = '';
        $nameLens = $valueLens = [];
        foreach ($pairs as [$name, $value]) {
            $data .= $name . $value;
            $nameLens[] = strlen($name);
            $valueLens[] = strlen($value);
        }
        // One byte more, so that an empty value at the end still points into the buffer.
        $buffer = $ffi->new('char[' . (strlen($data) + 1) . ']');
        FFI::memcpy($buffer, $data, strlen($data));
        $names = $ffi->new("const char *[$count]");
        $values = $ffi->new("const char *[$count]");
        // A fresh pointer per entry: PHP's FFI spoils a pointer whose sum was stored in an array.
        for ($i = 0, $offset = 0; $i < $count; $i++) {
            $names[$i] = FFI::addr($buffer[$offset]);
            $offset += $nameLens[$i];
            $values[$i] = FFI::addr($buffer[$offset]);
            $offset += $valueLens[$i];
        }
        return [$names, pack('Q*', ...$nameLens), $values, pack('Q*', ...$valueLens), $count, $buffer];
    }

    /** A struct that receives a verified webhook; reused, PHP runs one call at a time per thread. */
    public static function out(): FFI\CData
    {
        static $out = null;
        return $out ??= Library::ffi()->new('chatwoot_identity_verified_webhook', false, true);
    }

    /** FFI::addr(out()), made once. */
    public static function outPtr(): FFI\CData
    {
        static $ptr = null;
        return $ptr ??= FFI::addr(self::out());
    }

    public static function verified(int $status, FFI\CData $out): VerifiedWebhook
    {
        if ($status !== 0) {
            throw Library::exception($status);
        }
        return new VerifiedWebhook(
            $out->timestamp,
            $out->age,
            $out->has_delivery_id ? FFI::string($out->delivery_id) : null,
            FFI::string($out->replay_key, 64),
        );
    }

    public static function diagnosis(FFI\CData $verified, FFI\CData $mask): WebhookDiagnosis
    {
        return new WebhookDiagnosis($verified[0], Library::findings('webhook_finding', $mask[0]));
    }
}
