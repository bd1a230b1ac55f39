<?php

declare(strict_types=1);

namespace ChatwootIdentity\Testing;

use ChatwootIdentity\IdentityException;
use ChatwootIdentity\Library;

/**
 * Which identity a rendered page (or a set-user payload) will send to Chatwoot, and whether
 * Chatwoot will accept it: the library reads the page and checks it, this class holds its
 * answer. Usable without PHPUnit; AssertsChatwootIdentity turns a failed check into a PHPUnit
 * failure. `passed` is true exactly when `problems` is empty.
 */
final class PageCheck
{
    /** @param list<PageProblem> $problems */
    public function __construct(
        /** Whether the page identifies the user as expected. */
        public readonly bool $passed,
        /** What is wrong, in the order found. */
        public readonly array $problems,
        /** What the page holds, for a test's own further checks. */
        public readonly PageWidget $widget,
    ) {
    }

    /**
     * Checks that $html (a response body, or any part of a page) renders the widget once, for
     * $identifier, with an identifier_hash that verifies under $hmacSecret (the inbox's HMAC
     * secret), and that each of $fields (payload keys such as 'email' or 'custom_attributes')
     * has the value given. A page that does not pass is no exception: see $problems.
     *
     * @param array<string, mixed> $fields
     * @throws IdentityException EmptySecretException, InvalidWidgetRequestException (fields)
     */
    public static function identity(string $html, string|int $identifier, #[\SensitiveParameter] string $hmacSecret, array $fields = []): self
    {
        return self::checkIdentity('chatwoot_identity_check_page_identity', $html, $identifier, $hmacSecret, $fields);
    }

    /**
     * Checks a set-user payload (what Identity::setUserPayload() returns, as an array or its
     * JSON text) as identity() checks a page; the check's widget holds only the payload's user.
     *
     * @param array<string, mixed>|string $payload
     * @param array<string, mixed> $fields
     * @throws IdentityException EmptySecretException, InvalidWidgetRequestException
     */
    public static function payload(array|string $payload, string|int $identifier, #[\SensitiveParameter] string $hmacSecret, array $fields = []): self
    {
        $json = is_string($payload) ? $payload : Library::widgetJson('payload', $payload);
        return self::checkIdentity('chatwoot_identity_check_payload_identity', $json, $identifier, $hmacSecret, $fields);
    }

    /** Checks that $html identifies nobody: an anonymous visitor's widget, or a reset script (after logout). */
    public static function anonymous(string $html): self
    {
        $passed = Library::ffi()->new('bool[1]');
        return self::decode(Library::sizedText('chatwoot_identity_check_page_anonymous', $html, strlen($html), $passed));
    }

    /** The problems' messages, one per line: what an assertion reports. */
    public function message(): string
    {
        return implode("\n", array_map(static fn (PageProblem $p): string => $p->message, $this->problems));
    }

    /** @return list<string> the problems' codes, e.g. ['hash_mismatch'] */
    public function codes(): array
    {
        return array_map(static fn (PageProblem $p): string => $p->code, $this->problems);
    }

    /** @param array<string, mixed> $fields */
    private static function checkIdentity(string $function, string $text, string|int $identifier, #[\SensitiveParameter] string $hmacSecret, array $fields): self
    {
        $identifier = Library::identifierText($identifier);
        $fieldsJson = $fields === [] ? null : Library::widgetJson('fields', $fields);
        $passed = Library::ffi()->new('bool[1]');
        return self::decode(Library::sizedText($function, $text, strlen($text), $hmacSecret, strlen($hmacSecret),
            $identifier, strlen($identifier), $fieldsJson, $fieldsJson === null ? 0 : strlen($fieldsJson), $passed));
    }

    private static function decode(string $json): self
    {
        $check = json_decode($json, true, 512, JSON_THROW_ON_ERROR);
        return new self(
            $check['passed'],
            array_map(static fn (array $p): PageProblem => new PageProblem($p['code'], $p['message']), $check['problems']),
            PageWidget::fromArray($check['widget']),
        );
    }
}
