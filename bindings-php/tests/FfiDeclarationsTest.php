<?php

declare(strict_types=1);

namespace ChatwootIdentity\Tests;

use ChatwootIdentity\Library;
use ChatwootIdentity\Webhook;

/**
 * The hand-written FFI declarations must match the generated C header, function by function,
 * and the constants PHP must write as literals (FFI cannot read a #define) its values.
 */
final class FfiDeclarationsTest extends TestCase
{
    /** @return array<string, int> function name => number of parameters */
    private static function functions(string $source): array
    {
        preg_match_all('/\b(chatwoot_identity_\w+)\s*\(([^)]*)\)\s*;/', $source, $matches, PREG_SET_ORDER);
        $functions = [];
        foreach ($matches as [, $name, $params]) {
            $params = trim($params);
            $functions[$name] = $params === '' || $params === 'void' ? 0 : substr_count($params, ',') + 1;
        }
        return $functions;
    }

    private static function header(): string
    {
        return (string) file_get_contents(dirname(__DIR__, 2) . '/bindings-c/include/chatwoot_identity.h');
    }

    public function testEveryDeclarationExistsInTheHeaderWithTheSameArity(): void
    {
        $header = self::functions(self::header());
        $ffi = self::functions(Library::declarations());
        self::assertNotEmpty($ffi);
        foreach ($ffi as $name => $arity) {
            self::assertArrayHasKey($name, $header, "$name is not in the C header");
            self::assertSame($header[$name], $arity, "$name takes {$header[$name]} parameters");
        }
    }

    /** @return array<string, array{string, int}> */
    public static function literalConstants(): array
    {
        return [
            'hash length' => ['CHATWOOT_IDENTITY_HASH_LEN', Library::HASH_LEN],
            'default tolerance' => ['CHATWOOT_IDENTITY_WEBHOOK_DEFAULT_TOLERANCE', Webhook::DEFAULT_TOLERANCE],
        ];
    }

    /** @dataProvider literalConstants */
    public function testALiteralConstantIsTheHeadersDefine(string $define, int $php): void
    {
        $pattern = '/#define ' . $define . ' (\d+)\b/';
        self::assertSame(1, preg_match($pattern, self::header(), $match), "the header defines $define");
        self::assertSame((int) $match[1], $php, $define);
    }
}
