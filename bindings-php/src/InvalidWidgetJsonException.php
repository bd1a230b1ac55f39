<?php

declare(strict_types=1);

namespace ChatwootIdentity;

/** The widget config or user has an unknown key, lacks a required one, or has a value of the wrong type. Code: invalid_widget_json. */
class InvalidWidgetJsonException extends IdentityException
{
}
