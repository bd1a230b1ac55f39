<?php

declare(strict_types=1);

namespace ChatwootIdentity;

/** One known mistake that explains a rejected hash. */
final class Finding
{
    public function __construct(
        /** Stable code shared by every binding, e.g. "uppercase_hex". */
        public readonly string $code,
        /** One sentence a support engineer can paste; never contains the secret. */
        public readonly string $message,
    ) {
    }
}
