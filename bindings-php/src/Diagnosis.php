<?php

declare(strict_types=1);

namespace ChatwootIdentity;

/** What Identity::diagnose() found out about a hash. */
final class Diagnosis
{
    /** @param list<Finding> $findings */
    public function __construct(
        /** Whether Chatwoot would accept the hash as it is. */
        public readonly bool $verified,
        /** Every known mistake that reproduces the hash; empty when verified. */
        public readonly array $findings,
    ) {
    }

    /** @return list<string> */
    public function codes(): array
    {
        return array_map(static fn (Finding $f): string => $f->code, $this->findings);
    }
}
