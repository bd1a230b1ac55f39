<?php

declare(strict_types=1);

namespace ChatwootIdentity;

/** base_url is not an absolute http(s) URL without credentials, query or fragment. Code: invalid_base_url. */
class InvalidBaseUrlException extends IdentityException
{
}
