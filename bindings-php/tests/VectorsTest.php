<?php

declare(strict_types=1);

namespace ChatwootIdentity\Tests;

use ChatwootIdentity\Identity;
use ChatwootIdentity\IdentityException;
use ChatwootIdentity\Signer;
use PHPUnit\Framework\TestCase;

final class VectorsTest extends TestCase
{
    public static function hashVectors(): array
    {
        return Vectors::load('hash');
    }

    public static function verifyVectors(): array
    {
        return Vectors::load('verify');
    }

    public static function errorVectors(): array
    {
        return Vectors::load('error');
    }

    public static function diagnoseVectors(): array
    {
        return Vectors::load('diagnose');
    }

    /** @dataProvider hashVectors */
    public function testHash(array $v): void
    {
        $secret = Vectors::value($v['secret']);
        $identifier = Vectors::value($v['identifier']);
        self::assertSame($v['identifier_hash'], Identity::identifierHash($secret, $identifier));
        $signer = new Signer($secret);
        self::assertSame($v['identifier_hash'], $signer->identifierHash($identifier));
        self::assertSame([$v['identifier_hash']], $signer->identifierHashes([$identifier]));
        self::assertTrue($signer->verify($identifier, $v['identifier_hash']));
    }

    /** @dataProvider verifyVectors */
    public function testVerify(array $v): void
    {
        $secret = Vectors::value($v['secret']);
        $identifier = Vectors::value($v['identifier']);
        $candidate = Vectors::value($v['candidate']);
        self::assertSame($v['verified'], Identity::verify($secret, $identifier, $candidate));
        self::assertSame($v['verified'], (new Signer($secret))->verify($identifier, $candidate));
    }

    /** @dataProvider errorVectors */
    public function testError(array $v): void
    {
        $secret = Vectors::value($v['secret']);
        $identifier = Vectors::value($v['identifier']);
        $calls = [
            'identifierHash' => fn () => Identity::identifierHash($secret, $identifier),
            'verify' => fn () => Identity::verify($secret, $identifier, '0000'),
            'diagnose' => fn () => Identity::diagnose($secret, $identifier, '0000'),
            'Signer' => fn () => (new Signer($secret))->identifierHash($identifier),
            'Signer::verify' => fn () => (new Signer($secret))->verify($identifier, '0000'),
            'Signer::identifierHashes' => fn () => (new Signer($secret))->identifierHashes(['ok', $identifier]),
        ];
        foreach ($calls as $name => $call) {
            try {
                $call();
                self::fail("$name: no exception for {$v['description']}");
            } catch (IdentityException $e) {
                self::assertSame($v['error'], $e->getErrorCode(), $name);
            }
        }
    }

    /** @dataProvider diagnoseVectors */
    public function testDiagnose(array $v): void
    {
        $diagnosis = Identity::diagnose(Vectors::value($v['secret']), Vectors::value($v['identifier']), Vectors::value($v['candidate']));
        self::assertSame($v['verified'], $diagnosis->verified);
        self::assertSame($v['findings'], $diagnosis->codes());
        foreach ($diagnosis->findings as $finding) {
            self::assertNotSame('', $finding->message);
        }
    }
}
