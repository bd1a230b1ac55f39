<?php

declare(strict_types=1);

namespace ChatwootIdentity\Tests;

use ChatwootIdentity\EmptySecretException;
use ChatwootIdentity\Identity;
use ChatwootIdentity\InvalidWidgetRequestException;
use ChatwootIdentity\Testing\AssertsChatwootIdentity;
use ChatwootIdentity\Testing\PageCheck;
use ChatwootIdentity\Testing\PageWidget;
use PHPUnit\Framework\AssertionFailedError;

/** The test kit against right and deliberately wrong pages rendered by Identity::widgetScript(). */
final class TestingTest extends TestCase
{
    use AssertsChatwootIdentity;

    // Not the package's leak canary: this suite's data providers hold it, which other tests' traces print.
    protected const SECRET = 'test-kit-secret-Rw4Nc8';
    private const USER = ['identifier' => 'user-42', 'name' => 'Ada', 'email' => 'ada@example.com', 'custom_attributes' => ['plan' => 'pro']];

    private static function snippet(?array $user): string
    {
        return Identity::widgetScript('https://chat.example.com', self::TOKEN, hmacSecret: self::SECRET, user: $user);
    }

    private static function page(string ...$snippets): string
    {
        return '<html><body><h1>Dashboard</h1>' . implode("\n", $snippets) . '</body></html>';
    }

    public function testTheRightPagePasses(): void
    {
        $page = self::page(self::snippet(self::USER));
        $check = $this->assertChatwootIdentifies($page, identifier: 'user-42', hmacSecret: self::SECRET,
            fields: ['email' => 'ada@example.com', 'custom_attributes' => ['plan' => 'pro']]);
        self::assertSame([], $check->problems);
        self::assertSame('user-42', $check->widget->user?->identifier);
        self::assertSame(Identity::identifierHash(self::SECRET, 'user-42'), $check->widget->user->identifierHash);
        self::assertSame('Ada', $check->widget->user->attributes['name']);
        self::assertSame([1, self::TOKEN, 'https://chat.example.com'], [$check->widget->snippets, $check->widget->websiteToken, $check->widget->baseUrl]);
        self::assertSame(1, PageWidget::read($page . Identity::resetScript())->resets);
    }

    /** @return array<string, array{0: string, 1: string, 2: string, 3: array<string, mixed>, 4: string, 5: string}> */
    public static function wrongPages(): array
    {
        $right = self::snippet(self::USER);
        return [
            'wrong identifier' => [self::page($right), 'user-43', self::SECRET, [], 'wrong_identifier', 'Expected "user-43", the page identifies "user-42".'],
            'wrong secret' => [self::page($right), 'user-42', 'another-secret', [], 'hash_mismatch', 'diagnose: '],
            'wrong field' => [self::page($right), 'user-42', self::SECRET, ['email' => 'bob@example.com'], 'field_mismatch', 'email: expected "bob@example.com"'],
            'escaped snippet' => [self::page(htmlspecialchars($right)), 'user-42', self::SECRET, [], 'escaped_widget', 'HTML-escaped'],
            'no widget' => [self::page(), 'user-42', self::SECRET, [], 'no_widget', 'no Chatwoot widget snippet'],
            'two widgets' => [self::page($right, $right), 'user-42', self::SECRET, [], 'several_widgets', 'It renders 2.'],
            'anonymous' => [self::page(self::snippet(null)), 'user-42', self::SECRET, [], 'anonymous', 'anonymous visitor'],
        ];
    }

    /**
     * @dataProvider wrongPages
     * @param array<string, mixed> $fields
     */
    public function testAWrongPageFailsTheAssertion(string $html, string $identifier, string $secret, array $fields, string $code, string $says): void
    {
        $check = PageCheck::identity($html, $identifier, $secret, $fields);
        self::assertFalse($check->passed);
        self::assertSame([$code], $check->codes());
        try {
            $this->assertChatwootIdentifies($html, identifier: $identifier, hmacSecret: $secret, fields: $fields, message: 'after login');
        } catch (AssertionFailedError $e) {
            self::assertStringStartsWith("after login\nFailed asserting that the page identifies \"$identifier\" to Chatwoot.\n", $e->getMessage());
            self::assertStringContainsString($says, $e->getMessage());
            self::assertStringNotContainsString($secret, $e->getMessage() . $e->getTraceAsString());
            return;
        }
        self::fail('assertChatwootIdentifies passed a wrong page');
    }

    public function testAnonymousPages(): void
    {
        $this->assertChatwootAnonymous(self::page(self::snippet(null)));
        $this->assertChatwootAnonymous(self::page(Identity::resetScript()));
        try {
            $this->assertChatwootAnonymous(self::page(self::snippet(self::USER)));
        } catch (AssertionFailedError $e) {
            self::assertStringContainsString('It identifies "user-42".', $e->getMessage());
            return;
        }
        self::fail('assertChatwootAnonymous passed a signed-in page');
    }

    public function testPayloads(): void
    {
        $payload = Identity::setUserPayload(self::SECRET, self::USER);
        $this->assertChatwootPayloadIdentifies($payload, identifier: 'user-42', hmacSecret: self::SECRET, fields: ['name' => 'Ada']);
        $this->assertChatwootPayloadIdentifies(json_encode($payload), identifier: 'user-42', hmacSecret: self::SECRET);
        self::assertSame(['hash_mismatch'], PageCheck::payload($payload, 'user-42', 'another-secret')->codes());
        self::assertSame(['malformed_payload'], PageCheck::payload('[1, 2]', 'user-42', self::SECRET)->codes());
        $this->expectException(AssertionFailedError::class);
        $this->assertChatwootPayloadIdentifies($payload, identifier: 'user-43', hmacSecret: self::SECRET);
    }

    public function testAnIntegerIdentifierIsItsText(): void
    {
        $page = self::page(self::snippet(['identifier' => 42, 'name' => 'Ada']));
        $this->assertChatwootIdentifies($page, identifier: 42, hmacSecret: self::SECRET);
    }

    public function testAnEmptySecretIsTheTypedErrorWithoutTheArguments(): void
    {
        $this->expectException(EmptySecretException::class);
        PageCheck::identity(self::page(self::snippet(self::USER)), 'user-42', '');
    }

    public function testFieldsJsonCannotHoldAreNamed(): void
    {
        $this->expectException(InvalidWidgetRequestException::class);
        $this->expectExceptionMessageMatches('/^fields: /');
        PageCheck::identity(self::page(self::snippet(self::USER)), 'user-42', self::SECRET, ['email' => NAN]);
    }

    /** The library refuses the fields after the secret has been passed down: no frame may show it. */
    public function testAFailedCheckShowsNoSecretInItsTrace(): void
    {
        $page = self::page(self::snippet(self::USER));
        $checks = [
            'identity' => static fn () => PageCheck::identity($page, 'user-42', self::CANARY, ['a list, not an object']),
            'payload' => static fn () => PageCheck::payload('{}', 'user-42', self::CANARY, ['a list, not an object']),
        ];
        foreach ($checks as $name => $check) {
            try {
                $check();
                self::fail("$name accepted a list as fields");
            } catch (InvalidWidgetRequestException $e) {
                self::assertStringNotContainsString(self::CANARY, Vectors::shown($e), $name);
            }
        }
    }

    public function testAPageLargerThanTheFirstBufferIsRead(): void
    {
        $description = str_repeat('a long description ', 600);
        $page = self::page(self::snippet(self::USER + ['description' => $description]));
        $this->assertChatwootIdentifies($page, identifier: 'user-42', hmacSecret: self::SECRET, fields: ['description' => $description]);
    }
}
