<?php

declare(strict_types=1);

namespace ChatwootIdentity\Tests;

use ChatwootIdentity\Identity;
use ChatwootIdentity\Signer;
use ChatwootIdentity\Testing\PageCheck;
use ChatwootIdentity\WebhookVerifier;

/**
 * A long-running worker (RoadRunner, Swoole, a queue consumer) makes these calls for ever: each
 * must give back all the PHP memory it takes. A call that kept a hundred bytes, as reading a
 * pointer out of an FFI array once did, fails here by hundreds of kilobytes.
 */
final class MemoryTest extends TestCase
{
    private const CALLS = 5000;
    /** Far above the allocator's noise (0 in practice), far below CALLS times any real leak. */
    private const SLACK_BYTES = 32 * 1024;

    /** @return iterable<string, array{\Closure(): mixed}> */
    public static function calls(): iterable
    {
        $user = ['identifier' => 'user-42', 'email' => 'a@example.com'];
        $signed = Identity::signWebhook(self::SECRET, '{"event":"message_created"}', 1767225600);
        $verifier = new WebhookVerifier(self::SECRET, checkAge: false);
        $page = Identity::widgetScript('https://app.chatwoot.com', self::TOKEN, hmacSecret: self::SECRET, user: $user);
        yield 'new Signer' => [static fn () => new Signer(self::SECRET)];
        yield 'new WebhookVerifier' => [static fn () => new WebhookVerifier(self::SECRET)];
        yield 'widgetScript with a string secret' => [static fn () => Identity::widgetScript('https://app.chatwoot.com', self::TOKEN, hmacSecret: self::SECRET, user: $user)];
        yield 'setUserPayload with a string secret' => [static fn () => Identity::setUserPayload(self::SECRET, $user)];
        yield 'verify' => [static fn () => Identity::verify(self::SECRET, 'user-42', str_repeat('0', 64))];
        yield 'WebhookVerifier::verify' => [static fn () => $verifier->verify('{"event":"message_created"}', signature: $signed->signature, timestamp: $signed->timestamp)];
        yield 'PageCheck::identity' => [static fn () => PageCheck::identity($page, 'user-42', self::SECRET)];
    }

    /**
     * @dataProvider calls
     * @param \Closure(): mixed $call
     */
    public function testRepeatedCallsGiveTheirMemoryBack(\Closure $call): void
    {
        for ($i = 0; $i < 200; $i++) {
            $call();
        }
        gc_collect_cycles();
        $before = memory_get_usage();
        for ($i = 0; $i < self::CALLS; $i++) {
            $call();
        }
        gc_collect_cycles();
        $grown = memory_get_usage() - $before;
        self::assertLessThan(self::SLACK_BYTES, $grown, sprintf('%d calls kept %d bytes', self::CALLS, $grown));
    }
}
