<?php

declare(strict_types=1);

namespace ChatwootIdentity\Tests;

use ChatwootIdentity\EmptySecretException;
use ChatwootIdentity\Identity;
use ChatwootIdentity\IdentityException;
use ChatwootIdentity\InvalidNonceException;
use ChatwootIdentity\InvalidWidgetRequestException;
use ChatwootIdentity\MissingSecretException;
use ChatwootIdentity\Signer;

/**
 * What is PHP's own about the widget: named arguments, arrays through json_encode, a Signer or a
 * string as the secret, the sized buffer. Every code, path and kind of a bad request is a case of
 * the shared widget.json (VectorsTest::testWidget).
 */
final class WidgetTest extends TestCase
{
    private const BASE_URL = 'https://chat.example.com/';
    private const HOSTILE = '</script><script>alert(1)</script>';

    public function testAnonymousVisitorGetsTheLoaderOnly(): void
    {
        $html = Identity::widgetScript(self::BASE_URL, self::TOKEN);
        self::assertStringStartsWith("<script>\n", $html);
        self::assertStringEndsWith('</script>', $html);
        self::assertStringContainsString('"baseUrl":"https://chat.example.com"', $html);
        self::assertStringNotContainsString('"user"', $html);
    }

    public function testHostileUserIsSignedAndEscaped(): void
    {
        $html = Identity::widgetScript(self::BASE_URL, self::TOKEN, hmacSecret: self::CANARY,
            user: ['identifier' => 'user-42', 'name' => self::HOSTILE], nonce: 'r4nd0m+/==');
        self::assertStringStartsWith('<script nonce="r4nd0m+/==">', $html);
        self::assertSame(1, substr_count($html, '</script>'), 'the name cannot close the element');
        self::assertStringContainsString('\u003c/script\u003e\u003cscript\u003e', $html);
        self::assertStringContainsString(Identity::identifierHash(self::CANARY, 'user-42'), $html);
        self::assertStringNotContainsString(self::CANARY, $html);
    }

    public function testASignerAndItsSecretSignAlike(): void
    {
        $user = ['identifier' => 42, 'email' => 'jane@example.com', 'custom_attributes' => ['plan' => 'pro', 'ratio' => 1.0]];
        $signer = new Signer(self::SECRET);
        $withSigner = Identity::widgetScript(self::BASE_URL, self::TOKEN, $signer, $user, ['position' => 'left']);
        self::assertSame(Identity::widgetScript(self::BASE_URL, self::TOKEN, self::SECRET, $user, ['position' => 'left']), $withSigner);
        self::assertStringContainsString('"ratio":1.0', $withSigner, 'a float stays a float');
        $payload = Identity::setUserPayload($signer, $user);
        self::assertSame(Identity::setUserPayload(self::SECRET, $user), $payload);
        self::assertSame('42', $payload['identifier'], 'always a string');
        self::assertSame(Identity::identifierHash(self::SECRET, 42), $payload['identifier_hash']);
    }

    public function testEmptyArraysAreEmptyObjects(): void
    {
        $html = Identity::widgetScript(self::BASE_URL, self::TOKEN, self::SECRET,
            ['identifier' => 'a', 'name' => 'b', 'custom_attributes' => [], 'social_profiles' => []], []);
        self::assertStringNotContainsString('chatwootSettings = {', $html);
    }

    /** @return array<string, array{0: callable, 1: string, 2: bool}> */
    public static function valuesJsonOrTheCoreRefuses(): array
    {
        $call = static fn (mixed $value) => static fn () => Identity::widgetScript(self::BASE_URL, self::TOKEN, self::SECRET,
            ['identifier' => 'a', 'name' => 'b', 'custom_attributes' => ['x' => $value]]);
        return [
            'NAN' => [$call(NAN), 'request: Inf and NaN cannot be JSON encoded', false],
            'invalid UTF-8' => [$call("\xff"), 'request: Malformed UTF-8 characters', false],
            'a list' => [$call(['a']), 'user.custom_attributes.x: invalid type: sequence', true],
            'an object' => [$call(new \DateTimeImmutable('2024-01-01')), 'user.custom_attributes.x: invalid type: map', true],
            'null' => [$call(null), 'user.custom_attributes.x: null is not a value Chatwoot stores', false],
        ];
    }

    /** @dataProvider valuesJsonOrTheCoreRefuses */
    public function testValuesThatAreNotAttributesAreInvalidRequests(callable $call, string $message, bool $wrongType): void
    {
        try {
            $call();
            self::fail('no exception');
        } catch (InvalidWidgetRequestException $e) {
            self::assertStringStartsWith($message, $e->getMessage());
            self::assertSame($wrongType, $e->isWrongType());
            self::assertSame('invalid_widget_request', $e->getErrorCode());
        }
    }

    public function testTheCoresMessagesArriveWordForWord(): void
    {
        $cases = [
            [InvalidWidgetRequestException::class, 'settings.position: unknown variant, expected `left` or `right`',
                fn () => Identity::widgetScript(self::BASE_URL, self::TOKEN, settings: ['position' => 'top'])],
            [MissingSecretException::class, 'hmac_secret is required to sign a widget user',
                fn () => Identity::widgetScript(self::BASE_URL, self::TOKEN, user: ['identifier' => 'a', 'name' => 'b'])],
            [EmptySecretException::class, 'secret must not be empty', fn () => Identity::setUserPayload('', ['identifier' => 'a', 'name' => 'b'])],
            [InvalidNonceException::class, 'nonce must be a CSP nonce', fn () => Identity::resetScript('"><script>')],
            [InvalidNonceException::class, 'nonce must be a CSP nonce', fn () => Identity::resetScript('')],
        ];
        foreach ($cases as [$class, $message, $call]) {
            try {
                $call();
                self::fail("no $class");
            } catch (IdentityException $e) {
                self::assertInstanceOf($class, $e);
                self::assertStringStartsWith($message, $e->getMessage());
            }
        }
    }

    public function testLargeSnippetsTakeTheSizedPath(): void
    {
        $long = str_repeat('é<', 5000);
        $html = Identity::widgetScript(self::BASE_URL, self::TOKEN, self::SECRET, ['identifier' => 'a', 'name' => 'b', 'description' => $long]);
        self::assertGreaterThan(4096, strlen($html));
        self::assertStringContainsString(str_repeat('é\u003c', 5000), $html);
        self::assertStringEndsWith("\n</script>", $html);
        // The small reused buffer still serves the next call.
        self::assertSame(Identity::widgetScript(self::BASE_URL, self::TOKEN), Identity::widgetScript(self::BASE_URL, self::TOKEN));
    }

    public function testResetScript(): void
    {
        self::assertStringStartsWith("<script>\n", Identity::resetScript());
        self::assertStringContainsString('$chatwoot.reset()', Identity::resetScript());
        self::assertStringStartsWith('<script nonce="abc123">', Identity::resetScript('abc123'));
    }

    public function testWidgetErrorsNeverShowTheSecret(): void
    {
        $outputs = [];
        foreach ([
            fn () => Identity::widgetScript('ftp://x', 'x', self::CANARY, ['identifier' => 'a']),
            fn () => Identity::widgetScript(self::BASE_URL, self::TOKEN, self::CANARY, ['identifier' => 'a'], nonce: 'bad nonce'),
            fn () => Identity::widgetScript(self::BASE_URL, self::TOKEN, self::CANARY, ['identifier' => 'a']),
            fn () => Identity::setUserPayload(self::CANARY, ['identifier' => 'a']),
            fn () => Identity::setUserPayload(self::CANARY, ['identifier' => 'a', 'name' => 'b', 'custom_attributes' => ['x' => INF]]),
        ] as $call) {
            try {
                $call();
                self::fail('no exception');
            } catch (IdentityException $e) {
                $outputs[] = Vectors::shown($e);
            }
        }
        foreach ($outputs as $output) {
            self::assertStringNotContainsString(self::CANARY, $output);
        }
    }
}
