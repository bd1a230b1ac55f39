<?php

declare(strict_types=1);

namespace ChatwootIdentity;

/**
 * Every error of this package. getErrorCode() is the core library's stable snake_case code
 * (the same string every chatwoot-identity binding exposes); messages name the parameter at
 * fault and never contain a secret.
 */
class IdentityException extends \InvalidArgumentException
{
    /** Core code => exception class: the one table keyed on core codes. */
    private const CLASSES = [
        'empty_secret' => EmptySecretException::class,
        'empty_identifier' => EmptyIdentifierException::class,
        'missing_secret' => MissingSecretException::class,
        'invalid_base_url' => InvalidBaseUrlException::class,
        'invalid_website_token' => InvalidWebsiteTokenException::class,
        'invalid_nonce' => InvalidNonceException::class,
        'incomplete_user' => IncompleteUserException::class,
        'invalid_custom_attribute' => InvalidCustomAttributeException::class,
        'invalid_widget_setting' => InvalidWidgetSettingException::class,
        'invalid_widget_json' => InvalidWidgetJsonException::class,
    ];

    final public function __construct(private readonly string $errorCode, string $message, int $status = 0)
    {
        parent::__construct($message, $status);
    }

    /** The stable code, e.g. "empty_secret". */
    public function getErrorCode(): string
    {
        return $this->errorCode;
    }

    /** The subclass for a code; the base class for a code this version does not know. */
    public static function fromCode(string $code, string $message, int $status = 0): self
    {
        $class = self::CLASSES[$code] ?? self::class;
        return new $class($code, $message, $status);
    }
}
