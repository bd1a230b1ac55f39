<?php

declare(strict_types=1);

namespace ChatwootIdentity;

/** The inbox's HMAC secret was empty (often a missing environment variable). Code: empty_secret. */
class EmptySecretException extends IdentityException
{
}
