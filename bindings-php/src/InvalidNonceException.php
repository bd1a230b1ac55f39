<?php

declare(strict_types=1);

namespace ChatwootIdentity;

/** The nonce is not a Content-Security-Policy nonce. Code: invalid_nonce. */
class InvalidNonceException extends IdentityException
{
}
