<?php

// Compares this package with hash_hmac() in one run and writes the figures as JSON.
// Usage: php bench/bench.php <output.json>

declare(strict_types=1);

require dirname(__DIR__) . '/autoload.php';

use ChatwootIdentity\Identity;
use ChatwootIdentity\Signer;
use ChatwootIdentity\WebhookVerifier;

const SECRET = 'your-secret-token-for-hmac';
const ID = 'unique-identifier-of-the-user';
const ROUNDS = 7;

/** Best nanoseconds per iteration over several rounds (the least disturbed by other load). */
function best(callable $round, int $iterations): float
{
    $round(intdiv($iterations, 10)); // warm up
    $best = INF;
    for ($r = 0; $r < ROUNDS; $r++) {
        $start = hrtime(true);
        $round($iterations);
        $best = min($best, (hrtime(true) - $start) / $iterations);
    }
    return $best;
}

$n = 200000;
$signer = new Signer(SECRET);
$batch = [];
for ($i = 0; $i < 10000; $i++) {
    $batch[] = sprintf('user-%08d@example.com', $i);
}

$hashHmac = best(function (int $n): void {
    for ($i = 0; $i < $n; $i++) {
        hash_hmac('sha256', ID, SECRET);
    }
}, $n);
$oneOff = best(function (int $n): void {
    for ($i = 0; $i < $n; $i++) {
        Identity::identifierHash(SECRET, ID);
    }
}, $n);
$signed = best(function (int $n) use ($signer): void {
    for ($i = 0; $i < $n; $i++) {
        $signer->identifierHash(ID);
    }
}, $n);
$hashHmacLoop = best(function (int $n) use ($batch): void {
    for ($i = 0; $i < $n; $i++) {
        $out = [];
        foreach ($batch as $id) {
            $out[] = hash_hmac('sha256', $id, SECRET);
        }
    }
}, 20) / count($batch);
$batched = best(function (int $n) use ($signer, $batch): void {
    for ($i = 0; $i < $n; $i++) {
        $signer->identifierHashes($batch);
    }
}, 20) / count($batch);

// Webhooks: a WebhookVerifier against what an integrator writes with the standard library
// (hash_hmac over timestamp "." body, hash_equals, the age check), per request.
const WEBHOOK_SECRET = 'Sx5GdKjW7rvbcaQ8JtUmHn2p';

function stdlibVerify(string $body, string $signature, string $timestamp): bool
{
    if (!ctype_digit($timestamp) || !str_starts_with($signature, 'sha256=')) {
        return false;
    }
    $expected = 'sha256=' . hash_hmac('sha256', $timestamp . '.' . $body, WEBHOOK_SECRET);
    return hash_equals($expected, $signature) && abs(time() - (int) $timestamp) <= 300;
}

$verifier = new WebhookVerifier(WEBHOOK_SECRET);
$webhookRows = [];
foreach (['1 KB' => 1024, '64 KB' => 65536] as $label => $size) {
    $body = substr(str_repeat('{"event":"message_created","content":"hello"},', intdiv($size, 46) + 1), 0, $size);
    $sent = Identity::signWebhook(WEBHOOK_SECRET, $body);
    $iterations = $size > 4096 ? 4000 : 100000;
    $theirs = best(function (int $n) use ($body, $sent): void {
        for ($i = 0; $i < $n; $i++) {
            if (!stdlibVerify($body, $sent->signature, $sent->timestamp)) {
                throw new RuntimeException('stdlib verification failed');
            }
        }
    }, $iterations);
    $ours = best(function (int $n) use ($verifier, $body, $sent): void {
        for ($i = 0; $i < $n; $i++) {
            $verifier->verify($body, signature: $sent->signature, timestamp: $sent->timestamp);
        }
    }, $iterations);
    $webhookRows[] = ["WebhookVerifier::verify ($label body)", $ours, 'hash_hmac + hash_equals', $theirs, $size > 4096 ? 1.0 : 0.5];
}

$rows = [
    ['Identity::identifierHash', $oneOff, "hash_hmac('sha256', \$id, \$key)", $hashHmac, 1.2],
    ['Signer::identifierHash', $signed, "hash_hmac('sha256', \$id, \$key)", $hashHmac, 0.8],
    ['Signer::identifierHashes (10k, per id)', $batched, 'hash_hmac loop (10k, per id)', $hashHmacLoop, null],
    ...$webhookRows,
];
$json = [];
printf("%-40s %10s  %-34s %10s  %6s  %6s  %s\n", 'call', 'ours ns', 'competitor', 'theirs ns', 'ratio', 'target', 'met');
foreach ($rows as [$call, $ours, $competitor, $theirs, $target]) {
    $ratio = $ours / $theirs;
    $met = $target === null ? null : $ratio <= $target;
    printf("%-40s %10.1f  %-34s %10.1f  %6.2f  %6s  %s\n", $call, $ours, $competitor, $theirs, $ratio,
        $target === null ? '-' : sprintf('%.2f', $target), $met === null ? '-' : ($met ? 'yes' : 'NO'));
    $json[] = [
        'language' => 'php', 'call' => $call, 'ours_ns' => round($ours, 1), 'competitor' => $competitor,
        'competitor_ns' => round($theirs, 1), 'ratio' => round($ratio, 3), 'target_ratio' => $target, 'met' => $met,
    ];
}
file_put_contents($argv[1], json_encode($json, JSON_PRETTY_PRINT) . "\n");
