<?php

declare(strict_types=1);

namespace ChatwootIdentity\Tests;

use ChatwootIdentity\Identity;
use ChatwootIdentity\Signer;

final class SignerTest extends TestCase
{

    public function testBatchesMatchSingleHashesAndKeepKeys(): void
    {
        $signer = new Signer(self::SECRET);
        foreach ([1, 4095, 10000] as $n) {
            $ids = [];
            for ($i = 0; $i < $n; $i++) {
                $ids["k$i"] = $i % 2 ? "user-$i" : $i;
            }
            $hashes = $signer->identifierHashes($ids);
            self::assertSame(array_keys($ids), array_keys($hashes));
            foreach ($ids as $key => $id) {
                if ($hashes[$key] !== $signer->identifierHash($id)) {
                    self::fail("n=$n: hash of $key differs");
                }
            }
        }
        self::assertSame([], $signer->identifierHashes([]));
    }

    public function testSignerAgreesWithOneOffHashes(): void
    {
        $signer = new Signer(self::SECRET);
        for ($i = 0; $i < 500; $i++) {
            self::assertSame(Identity::identifierHash(self::SECRET, "user-$i"), $signer->identifierHash("user-$i"));
        }
    }

    public function testManySignersAreCreatedAndFreed(): void
    {
        for ($i = 0; $i < 2000; $i++) {
            $signer = new Signer(self::SECRET . $i);
            self::assertSame(64, strlen($signer->identifierHash('x')));
        }
        unset($signer);
        self::assertSame(64, strlen(Identity::identifierHash(self::SECRET, 'x')));
    }

    public function testVersionIsTheCrateVersion(): void
    {
        $expected = getenv('EXPECTED_CRATE_VERSION');
        self::assertMatchesRegularExpression('/^\d+\.\d+\.\d+/', Identity::version());
        if (is_string($expected) && $expected !== '') {
            self::assertSame($expected, Identity::version());
        }
    }
}
