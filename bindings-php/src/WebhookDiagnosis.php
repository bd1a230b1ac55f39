<?php

declare(strict_types=1);

namespace ChatwootIdentity;

/** What Identity::diagnoseWebhook() found out about a webhook's signature. */
final class WebhookDiagnosis
{
    /** @param list<Finding> $findings */
    public function __construct(
        /** Whether the signature verifies as it is (the age aside). */
        public readonly bool $verified,
        /** Every known mistake that explains the signature, in the core's order. */
        public readonly array $findings,
    ) {
    }

    /** @return list<string> */
    public function codes(): array
    {
        return array_map(static fn (Finding $f): string => $f->code, $this->findings);
    }
}
