<?php

declare(strict_types=1);

namespace ChatwootIdentity\Tests;

use ChatwootIdentity\EmptyIdentifierException;
use ChatwootIdentity\EmptySecretException;
use ChatwootIdentity\Identity;
use ChatwootIdentity\IdentityException;
use ChatwootIdentity\IncompleteUserException;
use ChatwootIdentity\InvalidBaseUrlException;
use ChatwootIdentity\InvalidNonceException;
use ChatwootIdentity\InvalidWebsiteTokenException;
use ChatwootIdentity\InvalidWidgetJsonException;
use ChatwootIdentity\MissingSecretException;
use PHPUnit\Framework\TestCase;

final class WidgetTest extends TestCase
{
    private const SECRET = 'your-secret-token-for-hmac';
    /** Distinctive enough that finding it in any output can only mean a leak. */
    private const CANARY = 'leak-canary-secret-7Hq2Zx9Pw';
    private const CONFIG = ['base_url' => 'https://chat.example.com/', 'website_token' => 'QrtMG8GydFgEy7bVzsLLmHoq'];
    private const HOSTILE = '</script><script>alert(1)</script>';

    public function testAnonymousVisitorGetsTheLoaderOnly(): void
    {
        $html = Identity::widgetScript(self::CONFIG);
        self::assertStringStartsWith("<script>\n", $html);
        self::assertStringEndsWith('</script>', $html);
        self::assertStringContainsString('"baseUrl":"https://chat.example.com"', $html);
        self::assertStringNotContainsString('"user"', $html);
    }

    public function testHostileUserIsSignedAndEscaped(): void
    {
        $html = Identity::widgetScript(self::CONFIG, ['identifier' => 'user-42', 'name' => self::HOSTILE], 'r4nd0m+/==', self::CANARY);
        self::assertStringStartsWith('<script nonce="r4nd0m+/==">', $html);
        self::assertSame(1, substr_count($html, '</script>'), 'the name cannot close the element');
        self::assertStringContainsString('\u003c/script\u003e\u003cscript\u003e', $html);
        self::assertStringContainsString(Identity::identifierHash(self::CANARY, 'user-42'), $html);
        self::assertStringNotContainsString(self::CANARY, $html);
    }

    public function testEveryFieldReachesTheCoreUnderItsName(): void
    {
        // The core refuses unknown keys, so every key below is one it knows.
        $config = self::CONFIG + ['settings' => [
            'locale' => 'pt_BR', 'use_browser_language' => true, 'position' => 'left', 'type' => 'expanded_bubble',
            'launcher_title' => 'Chat', 'hide_message_bubble' => false, 'show_unread_messages_dialog' => false,
            'show_popout_button' => true, 'dark_mode' => 'auto', 'base_domain' => 'example.com',
        ]];
        $user = [
            'identifier' => 42, 'name' => 'Jane', 'email' => 'jane@example.com', 'avatar_url' => 'https://example.com/a.png',
            'phone_number' => '+15551234567', 'description' => 'VIP', 'country_code' => 'BR', 'city' => 'Recife',
            'company_name' => 'Acme', 'social_profiles' => ['github' => 'jane'],
            'custom_attributes' => ['plan' => 'pro', 'seats' => 5, 'ratio' => 0.5, 'trial' => false],
        ];
        $html = Identity::widgetScript($config, $user, 'abc', self::SECRET);
        foreach ([
            '"useBrowserLanguage":true', '"type":"expanded_bubble"', '"showUnreadMessagesDialog":false',
            '"darkMode":"auto"', '"baseDomain":"example.com"', '"identifier":"42"', '"company_name":"Acme"',
            '"social_profiles":{"github":"jane"}', '"seats":5', '"ratio":0.5', '"trial":false',
        ] as $expected) {
            self::assertStringContainsString($expected, $html);
        }
    }

    public function testEmptyArraysAreEmptyObjects(): void
    {
        $html = Identity::widgetScript(self::CONFIG + ['settings' => []], ['identifier' => 'a', 'name' => 'b', 'custom_attributes' => [], 'social_profiles' => []], null, self::SECRET);
        self::assertStringNotContainsString('chatwootSettings = {', $html);
    }

    /** @return array<string, array{0: class-string<IdentityException>, 1: string, 2: callable}> */
    public static function badWidgets(): array
    {
        $config = self::CONFIG;
        $user = ['identifier' => 'user-1', 'name' => 'Jane'];
        return [
            'base url' => [InvalidBaseUrlException::class, 'invalid_base_url', fn () => Identity::widgetScript(['base_url' => 'javascript:alert(1)'] + $config)],
            'credentials' => [InvalidBaseUrlException::class, 'invalid_base_url', fn () => Identity::widgetScript(['base_url' => 'https://u:p@chat.example.com'] + $config)],
            'token' => [InvalidWebsiteTokenException::class, 'invalid_website_token', fn () => Identity::widgetScript(['website_token' => 'x"><script>'] + $config)],
            'nonce' => [InvalidNonceException::class, 'invalid_nonce', fn () => Identity::widgetScript($config, null, 'a" onload="x')],
            'no secret' => [MissingSecretException::class, 'missing_secret', fn () => Identity::widgetScript($config, $user)],
            'empty secret' => [EmptySecretException::class, 'empty_secret', fn () => Identity::widgetScript($config, $user, null, '')],
            'incomplete' => [IncompleteUserException::class, 'incomplete_user', fn () => Identity::widgetScript($config, ['identifier' => 'a'], null, self::SECRET)],
            'empty identifier' => [EmptyIdentifierException::class, 'empty_identifier', fn () => Identity::widgetScript($config, ['identifier' => '', 'name' => 'b'], null, self::SECRET)],
            'unknown key' => [InvalidWidgetJsonException::class, 'invalid_widget_json', fn () => Identity::widgetScript($config + ['hmac_secret' => 'x'])],
            'unknown position' => [InvalidWidgetJsonException::class, 'invalid_widget_json', fn () => Identity::widgetScript($config + ['settings' => ['position' => 'middle']])],
            'missing token' => [InvalidWidgetJsonException::class, 'invalid_widget_json', fn () => Identity::widgetScript(['base_url' => 'https://chat.example.com'])],
            'NAN attribute' => [InvalidWidgetJsonException::class, 'invalid_widget_json', fn () => Identity::widgetScript($config, $user + ['custom_attributes' => ['x' => NAN]], null, self::SECRET)],
            'invalid UTF-8' => [InvalidWidgetJsonException::class, 'invalid_widget_json', fn () => Identity::widgetScript($config, ['identifier' => "\xff", 'name' => 'b'], null, self::SECRET)],
            'payload empty secret' => [EmptySecretException::class, 'empty_secret', fn () => Identity::setUserPayload('', $user)],
            'payload incomplete' => [IncompleteUserException::class, 'incomplete_user', fn () => Identity::setUserPayload(self::SECRET, ['identifier' => 'a'])],
            'payload unknown key' => [InvalidWidgetJsonException::class, 'invalid_widget_json', fn () => Identity::setUserPayload(self::SECRET, $user + ['nick' => 'x'])],
            'reset nonce' => [InvalidNonceException::class, 'invalid_nonce', fn () => Identity::resetScript('"><script>')],
            'reset empty nonce' => [InvalidNonceException::class, 'invalid_nonce', fn () => Identity::resetScript('')],
        ];
    }

    /** @dataProvider badWidgets */
    public function testBadWidgetInputRaisesTypedExceptions(string $class, string $code, callable $call): void
    {
        try {
            $call();
            self::fail('no exception');
        } catch (IdentityException $e) {
            self::assertInstanceOf($class, $e);
            self::assertInstanceOf(\InvalidArgumentException::class, $e);
            self::assertSame($code, $e->getErrorCode());
            self::assertNotSame($code, $e->getMessage(), 'a sentence, not just the code');
        }
    }

    public function testLargeSnippetsTakeTheSizedPath(): void
    {
        $long = str_repeat('é<', 5000);
        $html = Identity::widgetScript(self::CONFIG, ['identifier' => 'a', 'name' => 'b', 'description' => $long], null, self::SECRET);
        self::assertGreaterThan(4096, strlen($html));
        self::assertStringContainsString(str_repeat('é\u003c', 5000), $html);
        self::assertStringEndsWith("\n</script>", $html);
        // The small reused buffer still serves the next call.
        self::assertSame(Identity::widgetScript(self::CONFIG), Identity::widgetScript(self::CONFIG));
    }

    public function testSetUserPayload(): void
    {
        $payload = Identity::setUserPayload(self::SECRET, ['identifier' => PHP_INT_MAX, 'email' => 'jane@example.com', 'custom_attributes' => ['plan' => 'pro']]);
        self::assertSame((string) PHP_INT_MAX, $payload['identifier'], 'always a string');
        self::assertSame(Identity::identifierHash(self::SECRET, PHP_INT_MAX), $payload['identifier_hash']);
        self::assertSame('jane@example.com', $payload['email']);
        self::assertSame(['plan' => 'pro'], $payload['custom_attributes']);
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
            fn () => Identity::widgetScript(['base_url' => 'ftp://x', 'website_token' => 'x'], ['identifier' => 'a'], null, self::CANARY),
            fn () => Identity::widgetScript(self::CONFIG, ['identifier' => 'a'], 'bad nonce', self::CANARY),
            fn () => Identity::widgetScript(self::CONFIG, ['identifier' => 'a'], null, self::CANARY),
            fn () => Identity::setUserPayload(self::CANARY, ['identifier' => 'a']),
            fn () => Identity::setUserPayload(self::CANARY, ['identifier' => 'a', 'name' => 'b', 'custom_attributes' => ['x' => INF]]),
        ] as $call) {
            try {
                $call();
                self::fail('no exception');
            } catch (IdentityException $e) {
                $outputs[] = $e->getMessage() . $e->getTraceAsString() . print_r($e, true) . var_export($e->getTrace(), true);
            }
        }
        foreach ($outputs as $output) {
            self::assertStringNotContainsString(self::CANARY, $output);
        }
    }
}
