<?php

declare(strict_types=1);

namespace ChatwootIdentity\Testing;

use PHPUnit\Framework\Assert;

/**
 * PHPUnit assertions for a test case: `use AssertsChatwootIdentity;` in a TestCase, then
 * `$this->assertChatwootIdentifies($html, identifier: 'user-42', hmacSecret: $secret)`. A failure
 * is PHPUnit's, listing the library's problems (a rejected hash explained by diagnose), never
 * the secret; each call counts as one assertion.
 */
trait AssertsChatwootIdentity
{
    /**
     * Fails unless $html renders the widget once, for $identifier, with an identifier_hash that
     * verifies under $hmacSecret, and with $fields (payload keys: 'email', 'custom_attributes').
     *
     * @param array<string, mixed> $fields
     */
    public static function assertChatwootIdentifies(string $html, string|int $identifier, #[\SensitiveParameter] string $hmacSecret, array $fields = [], string $message = ''): PageCheck
    {
        $check = PageCheck::identity($html, $identifier, $hmacSecret, $fields);
        Assert::assertThat($check, new PageCheckPassed('the page identifies ' . json_encode((string) $identifier) . ' to Chatwoot'), $message);
        return $check;
    }

    /**
     * Fails unless the set-user payload (Identity::setUserPayload()'s array, or its JSON text)
     * identifies $identifier with a hash that verifies under $hmacSecret, and has $fields.
     *
     * @param array<string, mixed>|string $payload
     * @param array<string, mixed> $fields
     */
    public static function assertChatwootPayloadIdentifies(array|string $payload, string|int $identifier, #[\SensitiveParameter] string $hmacSecret, array $fields = [], string $message = ''): PageCheck
    {
        $check = PageCheck::payload($payload, $identifier, $hmacSecret, $fields);
        Assert::assertThat($check, new PageCheckPassed('the payload identifies ' . json_encode((string) $identifier) . ' to Chatwoot'), $message);
        return $check;
    }

    /** Fails unless $html identifies nobody: an anonymous visitor's widget, or a reset script. */
    public static function assertChatwootAnonymous(string $html, string $message = ''): PageCheck
    {
        $check = PageCheck::anonymous($html);
        Assert::assertThat($check, new PageCheckPassed('the page identifies nobody to Chatwoot'), $message);
        return $check;
    }
}
