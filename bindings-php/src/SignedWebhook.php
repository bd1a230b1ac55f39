<?php

declare(strict_types=1);

namespace ChatwootIdentity;

/** The headers Chatwoot would send with a body, from Identity::signWebhook(), for tests of a receiver. */
final class SignedWebhook
{
    public function __construct(
        /** X-Chatwoot-Signature: "sha256=" and 64 lowercase hex characters. */
        public readonly string $signature,
        /** X-Chatwoot-Timestamp: the Unix seconds in decimal. */
        public readonly string $timestamp,
        /** X-Chatwoot-Delivery: a random UUID; not signed. */
        public readonly string $deliveryId,
    ) {
    }

    /** @return array<string, string> the three headers, as getallheaders() would list them */
    public function headers(): array
    {
        return [
            'X-Chatwoot-Timestamp' => $this->timestamp,
            'X-Chatwoot-Signature' => $this->signature,
            'X-Chatwoot-Delivery' => $this->deliveryId,
        ];
    }
}
