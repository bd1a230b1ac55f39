<?php
// Chatwoot's documented PHP snippet: hash_hmac('sha256', $identifier, $key).
// Reads "secret_hex identifier_hex" lines on stdin, prints one identifier_hash per line.
while (($line = fgets(STDIN)) !== false) {
    [$key, $identifier] = array_map('hex2bin', explode(' ', trim($line)));
    echo hash_hmac('sha256', $identifier, $key), "\n";
}
