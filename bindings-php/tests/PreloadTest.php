<?php

declare(strict_types=1);

namespace ChatwootIdentity\Tests;

use ChatwootIdentity\Library;

/**
 * The PHP-FPM setup: ffi.preload loads ffi/chatwoot_identity_ffi.h at startup and the package
 * uses that scope. The child gets a CHATWOOT_IDENTITY_LIB that does not exist, so it can only
 * succeed through the preloaded scope.
 */
final class PreloadTest extends TestCase
{
    public function testThePreloadedScopeIsUsed(): void
    {
        $library = getenv('CHATWOOT_IDENTITY_LIB');
        if (!is_string($library) || !is_file($library)) {
            self::markTestSkipped('CHATWOOT_IDENTITY_LIB must name the built library');
        }
        $script = sprintf(
            'require %s; echo ChatwootIdentity\Identity::identifierHash("your-secret-token-for-hmac", "unique-identifier-of-the-user");',
            var_export(dirname(__DIR__) . '/autoload.php', true),
        );
        $command = sprintf(
            'LD_LIBRARY_PATH=%s CHATWOOT_IDENTITY_LIB=/nonexistent/libchatwoot_identity.so %s -d ffi.enable=preload -d ffi.preload=%s -r %s 2>&1',
            escapeshellarg(dirname($library)),
            escapeshellarg(PHP_BINARY),
            escapeshellarg(Library::headerPath()),
            escapeshellarg($script),
        );
        exec($command, $output, $exit);
        self::assertSame(0, $exit, implode("\n", $output));
        self::assertSame(['fa803c5ef0dc4056f15936cc79e6c9eb912fe55b5d7afb9c0a14f3a1a491700c'], $output);
    }
}
