<?php

// The receiver the loopback test serves with `php -S`: what an integrator's plain-PHP endpoint
// does. It verifies with getallheaders() and with $_SERVER (both must agree), answers 401 with
// the JSON error on failure, and says what it received on success.

declare(strict_types=1);

require dirname(__DIR__) . '/autoload.php';

use ChatwootIdentity\IdentityException;
use ChatwootIdentity\WebhookVerifier;

$verifier = new WebhookVerifier((string) getenv('CHATWOOT_WEBHOOK_SECRET'));
$body = (string) file_get_contents('php://input');
try {
    $webhook = $verifier->verify($body, headers: getallheaders());
    $fromServer = $verifier->verify($body, headers: $_SERVER);
    if ($fromServer->replayKey !== $webhook->replayKey || $fromServer->deliveryId !== $webhook->deliveryId) {
        throw new RuntimeException('getallheaders() and $_SERVER disagree');
    }
    $event = json_decode($body, true, 512, JSON_THROW_ON_ERROR);
    header('Content-Type: text/plain');
    echo "verified {$event['event']} {$webhook->deliveryId} " . (str_contains($body, '\u003c/script\u003e') ? 'raw' : 'changed');
} catch (IdentityException $e) {
    http_response_code(401);
    header('Content-Type: application/json');
    echo json_encode(['error' => $e->getErrorCode(), 'message' => $e->getMessage()]);
}
