<?php

declare(strict_types=1);

namespace ChatwootIdentity;

/**
 * A webhook that verified: Chatwoot signed this body at $timestamp, within the tolerance of now.
 * From Identity::verifyWebhook() and WebhookVerifier::verify().
 */
final class VerifiedWebhook
{
    public function __construct(
        /** When Chatwoot signed the request, in Unix seconds. */
        public readonly int $timestamp,
        /** now - timestamp in seconds; negative when the timestamp is ahead (within the tolerance). */
        public readonly int $age,
        /**
         * X-Chatwoot-Delivery, null when absent (only the headers form reads it). Not signed: key
         * "process each delivery once" on it (Chatwoot retries with the same id), never replay defence.
         */
        public readonly ?string $deliveryId,
        /**
         * The key to remember this request by against replays (the signature's 64 hex characters,
         * unique per timestamp and body): refuse a key seen within twice the tolerance. Keep it out
         * of logs: it is what a replay needs.
         */
        #[\SensitiveParameter] public readonly string $replayKey,
    ) {
    }

    /** @return array<string, int|string|null> */
    public function __debugInfo(): array
    {
        return ['timestamp' => $this->timestamp, 'age' => $this->age, 'deliveryId' => $this->deliveryId, 'replayKey' => '<redacted>'];
    }
}
