<?php

declare(strict_types=1);

namespace ChatwootIdentity\Tests;

use ChatwootIdentity\EmptyIdentifierException;
use ChatwootIdentity\EmptySecretException;
use ChatwootIdentity\Identity;
use ChatwootIdentity\IdentityException;
use ChatwootIdentity\Signer;

final class BadInputTest extends TestCase
{
    private const ID = 'unique-identifier-of-the-user';
    private const HASH = 'fa803c5ef0dc4056f15936cc79e6c9eb912fe55b5d7afb9c0a14f3a1a491700c';

    public function testEmptyValuesRaiseTypedExceptionsWithCodes(): void
    {
        $cases = [
            [EmptySecretException::class, 'empty_secret', fn () => Identity::identifierHash('', self::ID)],
            [EmptyIdentifierException::class, 'empty_identifier', fn () => Identity::identifierHash(self::SECRET, '')],
            [EmptySecretException::class, 'empty_secret', fn () => Identity::verify('', self::ID, self::HASH)],
            [EmptyIdentifierException::class, 'empty_identifier', fn () => Identity::verify(self::SECRET, '', self::HASH)],
            [EmptySecretException::class, 'empty_secret', fn () => Identity::diagnose('', self::ID, self::HASH)],
            [EmptyIdentifierException::class, 'empty_identifier', fn () => Identity::diagnose(self::SECRET, '', self::HASH)],
            [EmptySecretException::class, 'empty_secret', fn () => new Signer('')],
            [EmptyIdentifierException::class, 'empty_identifier', fn () => (new Signer(self::SECRET))->identifierHash('')],
            [EmptyIdentifierException::class, 'empty_identifier', fn () => (new Signer(self::SECRET))->verify('', self::HASH)],
        ];
        foreach ($cases as $i => [$class, $code, $call]) {
            try {
                $call();
                self::fail("case $i: no exception");
            } catch (IdentityException $e) {
                self::assertInstanceOf($class, $e, "case $i");
                self::assertInstanceOf(\InvalidArgumentException::class, $e);
                self::assertSame($code, $e->getErrorCode(), "case $i");
                self::assertFalse($e->isWrongType());
                // The core's own message, not the code's summary.
                self::assertStringStartsWith($code === 'empty_secret' ? 'secret must not be empty: ' : 'identifier must not be empty: ', $e->getMessage());
            }
        }
    }

    public function testBatchNamesTheEmptyIdentifier(): void
    {
        try {
            (new Signer(self::SECRET))->identifierHashes(['a', 'b', '', 'd']);
            self::fail('no exception');
        } catch (EmptyIdentifierException $e) {
            self::assertSame('empty_identifier', $e->getErrorCode());
            self::assertStringStartsWith('identifiers[2] must not be empty: ', $e->getMessage());
        }
    }

    /** @return array<string, array{0: \Closure}> */
    public static function wrongTypes(): array
    {
        return [
            'null secret' => [fn () => Identity::identifierHash(null, self::ID)],
            'int secret' => [fn () => Identity::identifierHash(42, self::ID)],
            'float identifier' => [fn () => Identity::identifierHash(self::SECRET, 4.2)],
            'bool identifier' => [fn () => Identity::identifierHash(self::SECRET, true)],
            'array identifier' => [fn () => Identity::verify(self::SECRET, [], self::HASH)],
            'null hash' => [fn () => Identity::verify(self::SECRET, self::ID, null)],
            'object identifier' => [fn () => Identity::diagnose(self::SECRET, new \stdClass(), self::HASH)],
            'null signer secret' => [fn () => new Signer(null)],
            'float in a batch' => [fn () => (new Signer(self::SECRET))->identifierHashes(['a', 1.5])],
            'null in a batch' => [fn () => (new Signer(self::SECRET))->identifierHashes([null])],
        ];
    }

    /** @dataProvider wrongTypes */
    public function testWrongTypesRaiseTypeError(\Closure $call): void
    {
        $this->expectException(\TypeError::class);
        $call();
    }

    public function testMalformedHashesAreFalseNotErrors(): void
    {
        foreach (['', ' ' . self::HASH, strtoupper(self::HASH), substr(self::HASH, 0, 63), "\0\xff"] as $candidate) {
            self::assertFalse(Identity::verify(self::SECRET, self::ID, $candidate));
        }
    }

    public function testBytesAfterANulAreHashed(): void
    {
        self::assertNotSame(Identity::identifierHash(self::SECRET, "user\0a"), Identity::identifierHash(self::SECRET, "user\0b"));
        self::assertSame(Identity::identifierHash(self::SECRET, '42'), Identity::identifierHash(self::SECRET, 42));
        self::assertSame(Identity::identifierHash(self::SECRET, '-9223372036854775808'), Identity::identifierHash(self::SECRET, PHP_INT_MIN));
    }

    public function testTheSecretNeverAppearsInOutput(): void
    {
        $signer = new Signer(self::CANARY);
        $outputs = [print_r($signer, true), var_export((array) $signer, true)];
        ob_start();
        var_dump($signer);
        $outputs[] = (string) ob_get_clean();
        $failing = [
            fn () => Identity::identifierHash(self::CANARY, ''),
            fn () => Identity::verify(self::CANARY, '', self::HASH),
            fn () => Identity::diagnose(self::CANARY, '', self::HASH),
            fn () => $signer->identifierHashes(['x', '']),
            fn () => serialize($signer),
        ];
        foreach ($failing as $call) {
            try {
                $call();
                self::fail('no exception');
            } catch (\Throwable $e) {
                // Traces keep arguments here (phpunit.xml.dist): #[\SensitiveParameter] must hide it.
                $outputs[] = Vectors::shown($e);
            }
        }
        $outputs[] = print_r(Identity::diagnose(self::CANARY, self::ID, self::CANARY), true);
        foreach ($outputs as $output) {
            self::assertStringNotContainsString(self::CANARY, $output);
        }
    }

    public function testAMissingLibraryNamesTheSettingsToUse(): void
    {
        $script = sprintf(
            'require %s; try { ChatwootIdentity\Identity::version(); } catch (ChatwootIdentity\LibraryException $e) { echo $e->getMessage(), "|", get_class($e->getPrevious()); }',
            var_export(dirname(__DIR__) . '/autoload.php', true),
        );
        $command = sprintf('CHATWOOT_IDENTITY_LIB=/nonexistent/libchatwoot_identity.so %s -r %s 2>&1', escapeshellarg(PHP_BINARY), escapeshellarg($script));
        exec($command, $output, $exit);
        $output = implode("\n", $output);
        self::assertSame(0, $exit, $output);
        self::assertStringContainsString('cannot load /nonexistent/libchatwoot_identity.so', $output);
        self::assertStringContainsString('CHATWOOT_IDENTITY_LIB', $output);
        self::assertStringContainsString('ffi.preload', $output);
        self::assertStringEndsWith('|FFI\Exception', $output, 'the FFI error is kept as the previous one');
    }

    public function testSignersCannotBeCopied(): void
    {
        $signer = new Signer(self::SECRET);
        try {
            serialize($signer);
            self::fail('serialized');
        } catch (\LogicException $e) {
            self::assertStringContainsString('cannot be serialized', $e->getMessage());
        }
        $this->expectException(\LogicException::class);
        clone $signer;
    }

    /** The refused copy is destroyed at once; the original must keep its native signer. */
    public function testARefusedCloneLeavesTheOriginalWorking(): void
    {
        $signer = new Signer(self::SECRET);
        for ($i = 0; $i < 3; $i++) {
            try {
                clone $signer;
                self::fail('cloned');
            } catch (\LogicException) {
            }
        }
        self::assertSame(hash_hmac('sha256', 'x', self::SECRET), $signer->identifierHash('x'));
    }
}
