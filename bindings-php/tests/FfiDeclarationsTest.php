<?php

declare(strict_types=1);

namespace ChatwootIdentity\Tests;

use ChatwootIdentity\Library;

/** The hand-written FFI declarations must match the generated C header, function by function. */
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

    public function testEveryDeclarationExistsInTheHeaderWithTheSameArity(): void
    {
        $header = self::functions((string) file_get_contents(dirname(__DIR__, 2) . '/bindings-c/include/chatwoot_identity.h'));
        $ffi = self::functions(Library::declarations());
        self::assertNotEmpty($ffi);
        foreach ($ffi as $name => $arity) {
            self::assertArrayHasKey($name, $header, "$name is not in the C header");
            self::assertSame($header[$name], $arity, "$name takes {$header[$name]} parameters");
        }
    }
}
