<?php

declare(strict_types=1);

namespace ChatwootIdentity;

/** The user has none of name, email and avatar_url, which Chatwoot's setUser requires. Code: incomplete_user. */
class IncompleteUserException extends IdentityException
{
}
