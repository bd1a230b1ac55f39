<?php

declare(strict_types=1);

namespace ChatwootIdentity;

/** website_token is not a Chatwoot website token. Code: invalid_website_token. */
class InvalidWebsiteTokenException extends IdentityException
{
}
