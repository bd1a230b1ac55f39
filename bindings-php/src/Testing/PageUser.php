<?php

declare(strict_types=1);

namespace ChatwootIdentity\Testing;

/** The user a page identifies. */
final class PageUser
{
    /** @param array<string, mixed> $attributes */
    public function __construct(
        /** The identifier given to window.$chatwoot.setUser. */
        public readonly string $identifier,
        /** The identifier_hash sent with it. */
        public readonly string $identifierHash,
        /** Every attribute sent to setUser (name, email, ..., identifier_hash). */
        public readonly array $attributes,
    ) {
    }
}
