<?php

declare(strict_types=1);

require dirname(__DIR__) . '/autoload.php';

spl_autoload_register(static function (string $class): void {
    $prefix = 'ChatwootIdentity\\Tests\\';
    if (strncmp($class, $prefix, strlen($prefix)) === 0) {
        require __DIR__ . '/' . substr($class, strlen($prefix)) . '.php';
    }
});
