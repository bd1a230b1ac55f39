<?php

declare(strict_types=1);

namespace ChatwootIdentity\Tests;

use ChatwootIdentity\Identity;
use ChatwootIdentity\IdentityException;
use ChatwootIdentity\Signer;

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

    public static function widgetVectors(): array
    {
        return Vectors::load('widget');
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
                self::assertStringContainsString(' must not be empty: ', $e->getMessage(), 'the core\'s message');
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

    /**
     * widget.json through the public API, once with the secret as a string and once as a Signer:
     * a good request's snippet carries the hash and its payload is the vector's; a bad one throws
     * its code's class with a message starting at its path, and says whether a wrong type caused it.
     *
     * @dataProvider widgetVectors
     */
    public function testWidget(array $v): void
    {
        $request = $v['request'];
        $secrets = $v['secret'] === null ? [null] : [$v['secret'], ...($v['secret'] === '' ? [] : [new Signer($v['secret'])])];
        foreach ($secrets as $secret) {
            $render = static fn () => Identity::widgetScript(
                baseUrl: $request['base_url'],
                websiteToken: $request['website_token'],
                hmacSecret: $secret,
                user: $request['user'] ?? null,
                settings: $request['settings'] ?? null,
                nonce: $request['nonce'] ?? null,
            );
            $with = is_object($secret) ? 'a Signer' : 'a string';
            if (!isset($v['error'])) {
                $html = $render();
                self::assertStringStartsWith('<script', $html, $with);
                if (isset($v['set_user_payload'])) {
                    self::assertStringContainsString($v['set_user_payload']['identifier_hash'], $html, $with);
                    self::assertEquals($v['set_user_payload'], Identity::setUserPayload($secret, $request['user']), $with);
                }
                continue;
            }
            try {
                $render();
                self::fail("no exception with $with");
            } catch (IdentityException $e) {
                $class = 'ChatwootIdentity\\' . IdentityException::className($v['error']['code']);
                self::assertInstanceOf($class, $e, $e->getMessage());
                self::assertSame($v['error']['code'], $e->getErrorCode());
                self::assertSame($v['error']['wrong_type'], $e->isWrongType(), $e->getMessage());
                if ($v['error']['path'] !== null) {
                    self::assertStringStartsWith($v['error']['path'] . ': ', $e->getMessage());
                }
            }
        }
    }
}
