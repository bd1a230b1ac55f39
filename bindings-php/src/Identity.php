<?php

declare(strict_types=1);

namespace ChatwootIdentity;

use FFI;

/**
 * One-off hashing, verification and diagnosis. For many hashes with one secret, a Signer is
 * faster.
 */
final class Identity
{
    /**
     * The identifier_hash Chatwoot expects for $identifier: the lowercase hex HMAC-SHA256 keyed
     * with the inbox's HMAC secret. An int identifier is hashed as its decimal text.
     *
     * @throws EmptySecretException|EmptyIdentifierException
     */
    public static function identifierHash(#[\SensitiveParameter] string $secret, string|int $identifier): string
    {
        static $out = null;
        $ffi = Library::ffi();
        $out ??= $ffi->new('char[' . Library::HASH_BUFFER_LEN . ']', false, true);
        $identifier = is_int($identifier) ? Library::identifierText($identifier) : $identifier;
        $status = $ffi->chatwoot_identity_hash($secret, strlen($secret), $identifier, strlen($identifier), $out, Library::HASH_BUFFER_LEN);
        if ($status !== 0) {
            throw Library::exception($status);
        }
        return FFI::string($out, Library::HASH_LEN);
    }

    /**
     * Whether Chatwoot would accept $hash for $identifier: exactly 64 lowercase hex characters,
     * compared in constant time. A malformed hash is false, not an exception.
     *
     * @throws EmptySecretException|EmptyIdentifierException
     */
    public static function verify(#[\SensitiveParameter] string $secret, string|int $identifier, string $hash): bool
    {
        static $verified = null;
        $ffi = Library::ffi();
        $verified ??= $ffi->new('bool[1]', false, true);
        $identifier = Library::identifierText($identifier);
        Library::check($ffi->chatwoot_identity_verify($secret, strlen($secret), $identifier, strlen($identifier), $hash, strlen($hash), $verified));
        return $verified[0];
    }

    /**
     * Why Chatwoot would reject $hash: every known mistake (key and message swapped, uppercase,
     * Base64, a trailing newline, another algorithm, ...) that reproduces it.
     *
     * @throws EmptySecretException|EmptyIdentifierException
     */
    public static function diagnose(#[\SensitiveParameter] string $secret, string|int $identifier, string $hash): Diagnosis
    {
        $ffi = Library::ffi();
        $verified = $ffi->new('bool[1]');
        $mask = $ffi->new('uint32_t[1]');
        $identifier = Library::identifierText($identifier);
        Library::check($ffi->chatwoot_identity_diagnose($secret, strlen($secret), $identifier, strlen($identifier), $hash, strlen($hash), $verified, $mask));
        $findings = [];
        foreach (self::findingCatalogue() as $bit => $finding) {
            if ($mask[0] & (1 << $bit)) {
                $findings[] = $finding;
            }
        }
        return new Diagnosis($verified[0], $findings);
    }

    /**
     * The complete `<script>` element for Chatwoot's website widget on a server-rendered page:
     * the loader, `window.chatwootSettings`, and, when $user is given,
     * `window.$chatwoot.setUser(identifier, {..., identifier_hash})`. Every value is
     * JSON-encoded and escaped so that it cannot end the element: echo the result unescaped
     * (Blade `{!! !!}`, Twig `|raw`).
     *
     * @param array{base_url: string, website_token: string, settings?: array<string, string|bool>} $config
     *        settings: locale, use_browser_language, position ("left"|"right"),
     *        type ("standard"|"expanded_bubble"), launcher_title, hide_message_bubble,
     *        show_unread_messages_dialog, show_popout_button, dark_mode ("light"|"auto"), base_domain
     * @param array<string, mixed>|null $user identifier (string|int) and at least one of name,
     *        email, avatar_url; also phone_number, description, country_code, city,
     *        company_name, social_profiles (array), custom_attributes (array of string|int|float|bool).
     *        null for an anonymous visitor.
     * @param string|null $nonce the page's Content-Security-Policy nonce
     * @param string|null $secret the inbox's HMAC secret; required with a $user
     *
     * @throws IdentityException InvalidBaseUrlException, InvalidWebsiteTokenException,
     *         InvalidNonceException, MissingSecretException, EmptySecretException,
     *         EmptyIdentifierException, IncompleteUserException, InvalidWidgetJsonException
     */
    public static function widgetScript(array $config, ?array $user = null, ?string $nonce = null, #[\SensitiveParameter] ?string $secret = null): string
    {
        if ($user !== null) {
            $config['user'] = $user;
        }
        if ($nonce !== null) {
            $config['nonce'] = $nonce;
        }
        $request = Library::widgetJson($config);
        $ffi = Library::ffi();
        return Library::sizedText(static fn (#[\SensitiveParameter] ?string $secret, $out, $outLen, $needed) => $ffi->chatwoot_identity_widget_script(
            $secret, $secret === null ? 0 : strlen($secret), $request, strlen($request), $out, $outLen, $needed), $secret);
    }

    /**
     * The object a single-page or React Native app hands to the widget
     * (`window.$chatwoot.setUser(payload.identifier, payload)`, or the React Native widget's
     * `user` prop): the user's fields with `identifier` (always a string) and `identifier_hash`.
     * Return it from a JSON endpoint as is.
     *
     * @param array<string, mixed> $user the fields of widgetScript()'s $user
     * @return array<string, mixed>
     *
     * @throws IdentityException EmptySecretException, EmptyIdentifierException,
     *         IncompleteUserException, InvalidWidgetJsonException
     */
    public static function setUserPayload(#[\SensitiveParameter] string $secret, array $user): array
    {
        $document = Library::widgetJson($user);
        $ffi = Library::ffi();
        $payload = Library::sizedText(static fn (#[\SensitiveParameter] ?string $secret, $out, $outLen, $needed) => $ffi->chatwoot_identity_set_user_payload(
            $secret, strlen($secret), $document, strlen($document), $out, $outLen, $needed), $secret);
        return json_decode($payload, true, 512, JSON_THROW_ON_ERROR);
    }

    /**
     * The `<script>` element that logs the visitor out of the widget
     * (`window.$chatwoot.reset()`); render it on the page after logout.
     *
     * @throws InvalidNonceException
     */
    public static function resetScript(?string $nonce = null): string
    {
        $ffi = Library::ffi();
        return Library::sizedText(static fn (?string $unused, $out, $outLen, $needed) => $ffi->chatwoot_identity_reset_script(
            $nonce, $nonce === null ? 0 : strlen($nonce), $out, $outLen, $needed));
    }

    /** The library's version, e.g. "0.1.0". */
    public static function version(): string
    {
        return Library::ffi()->chatwoot_identity_version();
    }

    /** @return list<Finding> indexed by bit position in a findings mask */
    private static function findingCatalogue(): array
    {
        static $catalogue = null;
        if ($catalogue === null) {
            $ffi = Library::ffi();
            $catalogue = [];
            for ($bit = 0, $count = $ffi->chatwoot_identity_finding_count(); $bit < $count; $bit++) {
                $catalogue[] = new Finding($ffi->chatwoot_identity_finding_code($bit), $ffi->chatwoot_identity_finding_message($bit));
            }
        }
        return $catalogue;
    }
}
