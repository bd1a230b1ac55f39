<?php

declare(strict_types=1);

namespace ChatwootIdentity\Testing;

use PHPUnit\Framework\Constraint\Constraint;

/**
 * The PHPUnit constraint behind AssertsChatwootIdentity: a PageCheck that passed. Its failure
 * says what was expected, then the library's problems, one per line.
 *
 * @internal
 */
final class PageCheckPassed extends Constraint
{
    public function __construct(private readonly string $expected)
    {
    }

    public function toString(): string
    {
        return $this->expected;
    }

    protected function matches(mixed $other): bool
    {
        return $other instanceof PageCheck && $other->passed;
    }

    protected function failureDescription(mixed $other): string
    {
        return $this->expected;
    }

    protected function additionalFailureDescription(mixed $other): string
    {
        return $other instanceof PageCheck ? $other->message() : '';
    }
}
