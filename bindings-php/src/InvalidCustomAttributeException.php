<?php

declare(strict_types=1);

namespace ChatwootIdentity;

/** A custom attribute is not text, a boolean or a finite number. Code: invalid_custom_attribute. */
class InvalidCustomAttributeException extends IdentityException
{
}
