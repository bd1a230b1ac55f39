<?php

declare(strict_types=1);

namespace ChatwootIdentity;

use FFI;

/**
 * A webhook secret prepared once (Chatwoot: the webhook's, agent bot's or API inbox's secret, not
 * the inbox's identity-validation hmac_token), with its tolerance: one per webhook, e.g. a
 * Laravel singleton. The prepared key is wiped when the verifier is destroyed; it cannot be
 * serialized or cloned, and var_dump() shows no secret.
 *
 * ```
 * $verifier = new WebhookVerifier(getenv('CHATWOOT_WEBHOOK_SECRET'));
 * $webhook = $verifier->verify(file_get_contents('php://input'), headers: getallheaders());
 * ```
 */
final class WebhookVerifier
{
    private FFI $ffi;
    private FFI\CData $handle;

    /**
     * @param int $tolerance the largest |now - timestamp| accepted, in seconds; 0 accepts only the current second
     * @param bool $checkAge false turns the age check off: only for stored requests (a captured request then verifies forever)
     * @throws EmptySecretException
     */
    public function __construct(
        #[\SensitiveParameter] string $secret,
        private readonly int $tolerance = Webhook::DEFAULT_TOLERANCE,
        private readonly bool $checkAge = true,
    ) {
        $this->ffi = Library::ffi();
        // The pointer itself, written through its address: reading an element out of a pointer
        // array makes PHP's FFI leak about 100 bytes a read (MemoryTest).
        $handle = $this->ffi->new('chatwoot_identity_webhook_verifier*');
        Library::check($this->ffi->chatwoot_identity_webhook_verifier_new($secret, strlen($secret), Webhook::tolerance($tolerance), $checkAge, FFI::addr($handle)));
        $this->handle = $handle;
    }

    public function __destruct()
    {
        if (isset($this->handle)) {
            $this->ffi->chatwoot_identity_webhook_verifier_free($this->handle);
            unset($this->handle);
        }
    }

    /**
     * Verifies a webhook from its raw body (exactly as received, before any JSON parsing) and
     * EITHER the request's $headers (PSR-7 getHeaders(), getallheaders(), $_SERVER, or a list of
     * [name, value] pairs) OR the values of X-Chatwoot-Signature and X-Chatwoot-Timestamp.
     *
     * @param iterable<mixed, mixed>|null $headers
     * @param int|null $now Unix seconds; default time()
     * @throws MissingSignatureException|MalformedSignatureException|MissingTimestampException|MalformedTimestampException|SignatureMismatchException|StaleTimestampException|FutureTimestampException
     */
    public function verify(string $body, ?iterable $headers = null, ?string $signature = null, ?string $timestamp = null, ?int $now = null): VerifiedWebhook
    {
        $values = Webhook::values($headers, $signature, $timestamp);
        $now = Webhook::now($now);
        $out = Webhook::out();
        $outPtr = Webhook::outPtr();
        if ($values !== null) {
            [$signature, $timestamp] = $values;
            $status = $this->ffi->chatwoot_identity_webhook_verifier_verify($this->handle, $body, strlen($body), $signature, strlen($signature), $timestamp, strlen($timestamp), $now, $outPtr);
        } else {
            [$names, $nameLens, $values, $valueLens, $count, $keep] = Webhook::headerArrays($headers);
            $status = $this->ffi->chatwoot_identity_webhook_verifier_verify_headers($this->handle, $body, strlen($body), $names, $nameLens, $values, $valueLens, $count, $now, $outPtr);
        }
        return Webhook::verified($status, $out);
    }

    /**
     * Verifies a PSR-7 request (any object with getBody() and getHeaders(), so no
     * psr/http-message dependency): its whole body, read from the start, and its headers. A
     * seekable body is rewound afterwards, so the handler's own getContents() reads it whole.
     *
     * @throws IdentityException as verify()
     */
    public function verifyRequest(object $request, ?int $now = null): VerifiedWebhook
    {
        if (!method_exists($request, 'getBody') || !method_exists($request, 'getHeaders')) {
            throw new \TypeError(sprintf('request must be a PSR-7 request (getBody() and getHeaders()), %s given', get_debug_type($request)));
        }
        $stream = $request->getBody();
        // StreamInterface::__toString() reads the whole stream from its start.
        $body = is_string($stream) ? $stream : (string) $stream;
        if (is_object($stream) && method_exists($stream, 'isSeekable') && $stream->isSeekable() && method_exists($stream, 'rewind')) {
            $stream->rewind();
        }
        return $this->verify($body, headers: $request->getHeaders(), now: $now);
    }

    /** @return array<string, string|int|bool> */
    public function __debugInfo(): array
    {
        return ['secret' => '<redacted>', 'tolerance' => $this->tolerance, 'checkAge' => $this->checkAge];
    }

    public function __serialize(): array
    {
        throw new \LogicException('a ChatwootIdentity\WebhookVerifier cannot be serialized: create one from the secret where it is needed');
    }

    public function __clone()
    {
        // The copy must not free the native verifier it shares with the original.
        unset($this->handle);
        throw new \LogicException('a ChatwootIdentity\WebhookVerifier cannot be cloned: share the same instance');
    }
}
