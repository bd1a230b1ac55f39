<?php

// For use without Composer: require this file instead of vendor/autoload.php.
spl_autoload_register(static function (string $class): void {
    $prefix = 'ChatwootIdentity\\';
    if (strncmp($class, $prefix, strlen($prefix)) === 0) {
        $file = __DIR__ . '/src/' . str_replace('\\', '/', substr($class, strlen($prefix))) . '.php';
        if (is_file($file)) {
            require $file;
        }
    }
});
