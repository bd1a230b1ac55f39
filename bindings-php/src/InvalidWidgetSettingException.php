<?php

declare(strict_types=1);

namespace ChatwootIdentity;

/** A widget setting has a value the widget does not know. Code: invalid_widget_setting. */
class InvalidWidgetSettingException extends IdentityException
{
}
