<?php

declare(strict_types=1);

namespace ChatwootIdentity\Tests;

/** Reads the shared vector files (tests/vectors at the repository root). */
final class Vectors
{
    /** @return array<string, array{0: array<string, mixed>}> one data-provider row per vector */
    public static function load(string $name): array
    {
        $path = dirname(__DIR__, 2) . "/tests/vectors/$name.json";
        $vectors = json_decode((string) file_get_contents($path), true, 512, JSON_THROW_ON_ERROR)['vectors'];
        if ($vectors === []) {
            throw new \RuntimeException("$name.json has no vectors");
        }
        $rows = [];
        foreach ($vectors as $i => $vector) {
            $rows["#$i " . $vector['description']] = [$vector];
        }
        return $rows;
    }

    /**
     * A vector value as this package takes it: text and raw bytes as PHP strings (which hold any
     * bytes), integers as int when PHP's int holds them. PHP has no integer above PHP_INT_MAX,
     * so such identifiers are passed as their decimal string (the vector's own text).
     *
     * @param array<string, string> $value
     */
    public static function value(array $value): string|int
    {
        [$kind, $text] = [array_key_first($value), $value[array_key_first($value)]];
        return match ($kind) {
            'utf8' => $text,
            'hex' => (string) hex2bin($text),
            'integer' => filter_var($text, FILTER_VALIDATE_INT) !== false ? (int) $text : $text,
        };
    }

    /**
     * What a debug page or a log would show of an exception: its message, its trace as text, and
     * the arguments of every frame in this package (PHPUnit's own frames hold the whole suite).
     */
    public static function shown(\Throwable $e): string
    {
        $ours = array_filter($e->getTrace(), static fn (array $frame): bool => str_starts_with($frame['class'] ?? '', 'ChatwootIdentity\\')
            && !str_starts_with($frame['class'], 'ChatwootIdentity\\Tests\\'));
        return $e->getMessage() . "\n" . $e->getTraceAsString() . "\n" . print_r(array_column($ours, 'args'), true);
    }
}
