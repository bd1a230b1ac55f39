<?php

declare(strict_types=1);

namespace ChatwootIdentity;

use FFI;

/**
 * One-off hashing, verification and diagnosis, the Chatwoot widget, and Chatwoot's signed
 * webhooks. For many hashes with one secret, a Signer is faster; for many webhooks, a
 * WebhookVerifier.
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
        $status = $ffi->chatwoot_identity_identifier_hash($secret, strlen($secret), $identifier, strlen($identifier), $out, Library::HASH_BUFFER_LEN);
        if ($status !== 0) {
            throw Library::exception($status);
        }
        return FFI::string($out, Library::HASH_LEN);
    }

    /**
     * Whether Chatwoot would accept $identifierHash for $identifier: exactly 64 lowercase hex
     * characters, compared in constant time. A malformed identifierHash is false, not an exception.
     *
     * @throws EmptySecretException|EmptyIdentifierException
     */
    public static function verify(#[\SensitiveParameter] string $secret, string|int $identifier, string $identifierHash): bool
    {
        static $verified = null;
        $ffi = Library::ffi();
        $verified ??= $ffi->new('bool[1]', false, true);
        $identifier = Library::identifierText($identifier);
        Library::check($ffi->chatwoot_identity_verify($secret, strlen($secret), $identifier, strlen($identifier), $identifierHash, strlen($identifierHash), $verified));
        return $verified[0];
    }

    /**
     * Why Chatwoot would reject $identifierHash: every known mistake (key and message swapped, uppercase,
     * Base64, a trailing newline, another algorithm, ...) that reproduces it.
     *
     * @throws EmptySecretException|EmptyIdentifierException
     */
    public static function diagnose(#[\SensitiveParameter] string $secret, string|int $identifier, string $identifierHash): Diagnosis
    {
        $ffi = Library::ffi();
        $verified = $ffi->new('bool[1]');
        $mask = $ffi->new('uint32_t[1]');
        $identifier = Library::identifierText($identifier);
        Library::check($ffi->chatwoot_identity_diagnose($secret, strlen($secret), $identifier, strlen($identifier), $identifierHash, strlen($identifierHash), $verified, $mask));
        return new Diagnosis($verified[0], Library::findings('finding', $mask[0]));
    }

    /**
     * The complete `<script>` element for Chatwoot's website widget on a server-rendered page:
     * the loader, `window.chatwootSettings`, and, when $user is given,
     * `window.$chatwoot.setUser(identifier, {..., identifier_hash})`. Every value is
     * JSON-encoded and escaped so that it cannot end the element: echo the result unescaped
     * (Blade `{!! !!}`, Twig `|raw`). Named arguments read best:
     * `Identity::widgetScript(baseUrl: ..., websiteToken: ..., hmacSecret: $signer, user: [...])`.
     *
     * @param Signer|string|null $hmacSecret the inbox's HMAC secret, or a Signer made from it;
     *        required with a $user
     * @param array<string, mixed>|null $user identifier (string|int) and at least one of name,
     *        email, avatar_url; also phone_number, description, country_code, city,
     *        company_name, social_profiles (array), custom_attributes (array of string|int|float|bool).
     *        null for an anonymous visitor.
     * @param array<string, string|bool>|null $settings window.chatwootSettings: locale,
     *        use_browser_language, position ("left"|"right"), type ("standard"|"expanded_bubble"),
     *        launcher_title, hide_message_bubble, show_unread_messages_dialog, show_popout_button,
     *        dark_mode ("light"|"auto"), base_domain
     * @param string|null $nonce the page's Content-Security-Policy nonce
     *
     * @throws IdentityException InvalidWidgetRequestException (its message names the path, e.g.
     *         "settings.position: unknown variant ..."), InvalidBaseUrlException,
     *         InvalidWebsiteTokenException, InvalidNonceException, MissingSecretException,
     *         EmptySecretException, EmptyIdentifierException, IncompleteUserException
     */
    public static function widgetScript(
        string $baseUrl,
        string $websiteToken,
        #[\SensitiveParameter] Signer|string|null $hmacSecret = null,
        ?array $user = null,
        ?array $settings = null,
        ?string $nonce = null,
    ): string {
        $request = array_filter(
            ['base_url' => $baseUrl, 'website_token' => $websiteToken, 'settings' => $settings, 'user' => $user, 'nonce' => $nonce],
            static fn ($value) => $value !== null,
        );
        $document = Library::widgetJson('request', $request);
        return Library::withSigner($hmacSecret, static fn ($signer) => Library::sizedText(
            'chatwoot_identity_widget_script', $signer, $document, strlen($document)));
    }

    /**
     * The object a single-page or React Native app hands to the widget
     * (`window.$chatwoot.setUser(payload.identifier, payload)`, or the React Native widget's
     * `user` prop): the user's fields with `identifier` (always a string) and `identifier_hash`.
     * Return it from a JSON endpoint as is.
     *
     * @param Signer|string $hmacSecret the inbox's HMAC secret, or a Signer made from it
     * @param array<string, mixed> $user the fields of widgetScript()'s $user
     * @return array<string, mixed>
     *
     * @throws IdentityException EmptySecretException, EmptyIdentifierException,
     *         IncompleteUserException, InvalidWidgetRequestException
     */
    public static function setUserPayload(#[\SensitiveParameter] Signer|string $hmacSecret, array $user): array
    {
        $document = Library::widgetJson('user', $user);
        $payload = Library::withSigner($hmacSecret, static fn ($signer) => Library::sizedText(
            'chatwoot_identity_set_user_payload', $signer, $document, strlen($document)));
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
        return Library::sizedText('chatwoot_identity_reset_script', $nonce, $nonce === null ? 0 : strlen($nonce));
    }

    /**
     * Verifies one webhook from its raw body (exactly as received: `file_get_contents('php://input')`
     * or a PSR-7 `(string) $request->getBody()`, before any JSON parsing) and EITHER the request's
     * $headers (PSR-7 getHeaders(), getallheaders(), $_SERVER, or a list of [name, value] pairs)
     * OR the values of X-Chatwoot-Signature and X-Chatwoot-Timestamp. For a stream of webhooks,
     * keep a WebhookVerifier.
     *
     * @param iterable<mixed, mixed>|null $headers
     * @param int|null $now Unix seconds; default time()
     * @param int $tolerance the largest |now - timestamp| accepted, in seconds; 0 accepts only the current second
     * @param bool $checkAge false turns the age check off: only for stored requests
     * @throws \ArgumentCountError when both $headers and $signature/$timestamp are given
     * @throws IdentityException EmptySecretException, MissingSignatureException, MalformedSignatureException,
     *         MissingTimestampException, MalformedTimestampException, SignatureMismatchException,
     *         StaleTimestampException, FutureTimestampException
     */
    public static function verifyWebhook(
        #[\SensitiveParameter] string $secret,
        string $body,
        ?iterable $headers = null,
        ?string $signature = null,
        ?string $timestamp = null,
        ?int $now = null,
        int $tolerance = Webhook::DEFAULT_TOLERANCE,
        bool $checkAge = true,
    ): VerifiedWebhook {
        $values = Webhook::values($headers, $signature, $timestamp);
        $now = Webhook::now($now);
        $tolerance = Webhook::tolerance($tolerance);
        $ffi = Library::ffi();
        $out = Webhook::out();
        $outPtr = Webhook::outPtr();
        if ($values !== null) {
            [$signature, $timestamp] = $values;
            $status = $ffi->chatwoot_identity_verify_webhook($secret, strlen($secret), $body, strlen($body), $signature, strlen($signature), $timestamp, strlen($timestamp), $now, $tolerance, $checkAge, $outPtr);
        } else {
            [$names, $nameLens, $values, $valueLens, $count, $keep] = Webhook::headerArrays($headers);
            $status = $ffi->chatwoot_identity_verify_webhook_headers($secret, strlen($secret), $body, strlen($body), $names, $nameLens, $values, $valueLens, $count, $now, $tolerance, $checkAge, $outPtr);
        }
        return Webhook::verified($status, $out);
    }

    /**
     * Signs $body as Chatwoot would at $timestamp (default now), for tests of a receiver: the
     * three headers, with a random delivery id.
     *
     * @throws EmptySecretException
     */
    public static function signWebhook(#[\SensitiveParameter] string $secret, string $body, ?int $timestamp = null): SignedWebhook
    {
        $ffi = Library::ffi();
        $out = $ffi->new('chatwoot_identity_signed_webhook');
        Library::check($ffi->chatwoot_identity_sign_webhook($secret, strlen($secret), $body, strlen($body), Webhook::now($timestamp, 'timestamp'), FFI::addr($out)));
        return new SignedWebhook(FFI::string($out->signature), FFI::string($out->timestamp), FFI::string($out->delivery_id));
    }

    /**
     * Why a webhook's signature does or does not verify: every known mistake that reproduces it
     * (the body signed alone, a parsed and re-serialized body, uppercase hex, the sha256= prefix
     * missing or doubled, milliseconds, the inbox's identity hmac_token as the key when
     * $identityHmacToken is given, a trailing newline on the secret). Takes the headers or the two
     * values as verifyWebhook() does. Each costs one HMAC over the body: run it when debugging, not
     * on every request from the internet.
     *
     * @param iterable<mixed, mixed>|null $headers
     * @throws EmptySecretException
     */
    public static function diagnoseWebhook(
        #[\SensitiveParameter] string $secret,
        string $body,
        ?iterable $headers = null,
        ?string $signature = null,
        ?string $timestamp = null,
        #[\SensitiveParameter] ?string $identityHmacToken = null,
    ): WebhookDiagnosis {
        $values = Webhook::values($headers, $signature, $timestamp);
        $ffi = Library::ffi();
        $verified = $ffi->new('bool[1]');
        $mask = $ffi->new('uint32_t[1]');
        $tokenLen = $identityHmacToken === null ? 0 : strlen($identityHmacToken);
        if ($values !== null) {
            [$signature, $timestamp] = $values;
            $status = $ffi->chatwoot_identity_diagnose_webhook($secret, strlen($secret), $body, strlen($body), $signature, strlen($signature), $timestamp, strlen($timestamp), $identityHmacToken, $tokenLen, $verified, $mask);
        } else {
            [$names, $nameLens, $values, $valueLens, $count, $keep] = Webhook::headerArrays($headers);
            $status = $ffi->chatwoot_identity_diagnose_webhook_headers($secret, strlen($secret), $body, strlen($body), $names, $nameLens, $values, $valueLens, $count, $identityHmacToken, $tokenLen, $verified, $mask);
        }
        Library::check($status);
        return Webhook::diagnosis($verified, $mask);
    }

    /** The library's version, e.g. "0.1.0". */
    public static function version(): string
    {
        return Library::ffi()->chatwoot_identity_version();
    }
}
