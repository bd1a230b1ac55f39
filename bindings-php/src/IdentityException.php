<?php

declare(strict_types=1);

namespace ChatwootIdentity;

/**
 * Every error of this package's calls. getMessage() is the core library's own message, the same
 * words every chatwoot-identity binding shows ("settings.position: unknown variant,
 * expected `left` or `right`"); getErrorCode() is its stable snake_case code, and each code has
 * its subclass (EmptySecretException, ..., generated from the core's code table). Messages
 * never contain a secret or an identifier.
 */
class IdentityException extends \InvalidArgumentException
{
    final public function __construct(
        private readonly string $errorCode,
        string $message,
        int $status = 0,
        private readonly bool $wrongType = false,
        ?\Throwable $previous = null,
    ) {
        parent::__construct($message, $status, $previous);
    }

    /** The stable code, e.g. "empty_secret". */
    public function getErrorCode(): string
    {
        return $this->errorCode;
    }

    /**
     * Whether a value of the wrong type in a widget request caused it (a number where text
     * belongs, a list where an object does): what other hosts raise a TypeError for.
     */
    public function isWrongType(): bool
    {
        return $this->wrongType;
    }

    /** The subclass name of a code: invalid_base_url is InvalidBaseUrlException. */
    public static function className(string $code): string
    {
        return str_replace('_', '', ucwords($code, '_')) . 'Exception';
    }

    /** The exception for a code: its generated subclass, or this class for a code it lacks. */
    public static function fromCode(string $code, string $message, int $status = 0, bool $wrongType = false, ?\Throwable $previous = null): self
    {
        $class = __NAMESPACE__ . '\\' . self::className($code);
        if (!class_exists($class) || !is_subclass_of($class, self::class)) {
            $class = self::class;
        }
        return new $class($code, $message, $status, $wrongType, $previous);
    }
}
