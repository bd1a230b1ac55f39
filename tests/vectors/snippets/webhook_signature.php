<?php
// A receiver's check in PHP: 'sha256=' . hash_hmac('sha256', "$timestamp.$body", $secret).
// Reads "secret_hex timestamp_hex body_hex" lines on stdin, prints one X-Chatwoot-Signature per line.
while (($line = fgets(STDIN)) !== false) {
    [$secret, $timestamp, $body] = array_map('hex2bin', explode(' ', rtrim($line, "\n")));
    echo 'sha256=', hash_hmac('sha256', "$timestamp.$body", $secret), "\n";
}
