<?php

declare(strict_types=1);

namespace ChatwootIdentity;

/**
 * libchatwoot_identity could not be loaded: FFI is off, or the library is not where PHP looks.
 * The message names the setting to change; the FFI error is the previous exception.
 */
final class LibraryException extends \RuntimeException
{
}
