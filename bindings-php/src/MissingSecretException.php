<?php

declare(strict_types=1);

namespace ChatwootIdentity;

/** A widget user was given without the inbox's HMAC secret, so it cannot be signed. Code: missing_secret. */
class MissingSecretException extends IdentityException
{
}
