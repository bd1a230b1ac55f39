<?php

declare(strict_types=1);

namespace ChatwootIdentity\Tests;

/** What every suite here extends: PHPUnit's TestCase with the values several suites share. */
abstract class TestCase extends \PHPUnit\Framework\TestCase
{
    /** The inbox secret of Chatwoot's documented example; a suite may use its own. */
    protected const SECRET = 'your-secret-token-for-hmac';
    /** Distinctive enough that finding it in any output can only mean a leak. */
    protected const CANARY = 'leak-canary-secret-7Hq2Zx9Pw';
    /** A website token, also the shape of an inbox's identity hmac_token. */
    protected const TOKEN = 'QrtMG8GydFgEy7bVzsLLmHoq';
}
