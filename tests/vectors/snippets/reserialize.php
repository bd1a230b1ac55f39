<?php
// What a PHP receiver passes after parsing: json_encode(json_decode($raw)), with its defaults
// ("/" written as "\/", non-ASCII as \u escapes).
// Reads "mode json_hex" lines on stdin, prints the hex of each result.
while (($line = fgets(STDIN)) !== false) {
    [$mode, $hex] = explode(' ', rtrim($line, "\n"));
    if ($mode !== 'json_encode') {
        fwrite(STDERR, "unknown mode $mode\n");
        exit(1);
    }
    echo bin2hex(json_encode(json_decode(hex2bin($hex)))), "\n";
}
