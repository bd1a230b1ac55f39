<?php

declare(strict_types=1);

namespace ChatwootIdentity\Testing;

/** One reason a PageCheck failed. */
final class PageProblem
{
    public function __construct(
        /**
         * Stable, shared by every binding's test kit: no_widget, escaped_widget, several_widgets,
         * anonymous, unexpected_user, wrong_identifier, hash_mismatch, field_mismatch,
         * malformed_payload.
         */
        public readonly string $code,
        /** The core's sentence with the particulars; may quote identifiers and fields, never the secret. */
        public readonly string $message,
    ) {
    }
}
