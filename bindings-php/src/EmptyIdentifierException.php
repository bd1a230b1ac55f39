<?php

declare(strict_types=1);

namespace ChatwootIdentity;

/** An identifier was empty. Code: empty_identifier. */
class EmptyIdentifierException extends IdentityException
{
}
