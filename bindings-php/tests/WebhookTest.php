<?php

declare(strict_types=1);

namespace ChatwootIdentity\Tests;

use ChatwootIdentity\FutureTimestampException;
use ChatwootIdentity\Identity;
use ChatwootIdentity\IdentityException;
use ChatwootIdentity\MalformedSignatureException;
use ChatwootIdentity\MissingSignatureException;
use ChatwootIdentity\MissingTimestampException;
use ChatwootIdentity\SignatureMismatchException;
use ChatwootIdentity\StaleTimestampException;
use ChatwootIdentity\VerifiedWebhook;
use ChatwootIdentity\WebhookVerifier;

/** tests/vectors/webhook.json, bad input, PSR-7 requests, and a real receiver over loopback. */
final class WebhookTest extends TestCase
{
    protected const SECRET = 'Sx5GdKjW7rvbcaQ8JtUmHn2p';
    private const HMAC_TOKEN = self::TOKEN;
    private const BODY = '{"event":"message_created","content":"\u003cb\u003ehi\u003c/b\u003e"}';
    private const NOW = 1700000000;

    /** @return array<string, mixed> */
    private static function file(): array
    {
        static $file = null;
        return $file ??= json_decode((string) file_get_contents(dirname(__DIR__, 2) . '/tests/vectors/webhook.json'), true, 512, JSON_THROW_ON_ERROR);
    }

    /** @param array<string, mixed> $value */
    private static function bytes(array $value): string
    {
        if (isset($value['repeat'])) {
            $r = $value['repeat'];
            return $r['prefix'] . str_repeat($r['unit'], $r['times']) . $r['suffix'];
        }
        return (string) Vectors::value($value);
    }

    /** @return array<string, array{0: array<string, mixed>}> */
    public static function vectors(): array
    {
        $rows = [];
        foreach (self::file()['vectors'] as $i => $v) {
            $rows["#$i {$v['description']}"] = [$v];
        }
        return $rows;
    }

    /** @return array<string, array{0: array<string, mixed>}> */
    public static function diagnoseVectors(): array
    {
        $rows = [];
        foreach (self::file()['diagnose'] as $i => $v) {
            $rows["#$i {$v['description']}"] = [$v];
        }
        return $rows;
    }

    /**
     * @param array<string, mixed> $v
     * @param callable(): VerifiedWebhook $call
     */
    private static function expect(array $v, string $how, callable $call, bool $fromHeaders): void
    {
        try {
            $webhook = $call();
        } catch (IdentityException $e) {
            self::assertSame($v['error'] ?? 'no error', $e->getErrorCode(), "$how: {$e->getMessage()}");
            self::assertSame(IdentityException::className($e->getErrorCode()), (new \ReflectionClass($e))->getShortName());
            self::assertStringNotContainsString(self::bytes($v['secret']) ?: "\0none", Vectors::shown($e));
            return;
        }
        self::assertArrayNotHasKey('error', $v, "$how verified");
        $want = $v['verified'];
        self::assertSame([$want['timestamp'], $want['age'], $fromHeaders ? $want['delivery_id'] : null],
            [$webhook->timestamp, $webhook->age, $webhook->deliveryId], $how);
        self::assertMatchesRegularExpression('/^[0-9a-f]{64}$/', $webhook->replayKey);
    }

    /**
     * @dataProvider vectors
     * @param array<string, mixed> $v
     */
    public function testWebhookVector(array $v): void
    {
        $secret = self::bytes($v['secret']);
        $body = self::bytes($v['body']);
        $options = ['now' => $v['now']];
        $tolerance = $v['tolerance'] ?? null;
        $options += $tolerance === 'unchecked' ? ['checkAge' => false] : ($tolerance === null ? [] : ['tolerance' => $tolerance]);
        $headers = $v['headers'];
        self::expect($v, 'verifyWebhook(headers)', static fn () => Identity::verifyWebhook($secret, $body, ...$options + ['headers' => $headers]), true);
        if (isset($v['signature'])) {
            self::expect($v, 'verifyWebhook(signature, timestamp)', static fn () => Identity::verifyWebhook(
                $secret, $body, ...$options + ['signature' => $v['signature'], 'timestamp' => $v['timestamp']]), false);
        }
        $verifierOptions = array_diff_key($options, ['now' => 0]);
        try {
            $verifier = new WebhookVerifier($secret, ...$verifierOptions);
        } catch (IdentityException $e) {
            self::assertSame(['empty_secret', 'empty_secret'], [$v['error'] ?? null, $e->getErrorCode()]);
            return;
        }
        self::expect($v, 'WebhookVerifier::verify(headers)', static fn () => $verifier->verify($body, headers: $headers, now: $v['now']), true);
        if (isset($v['signature'])) {
            self::expect($v, 'WebhookVerifier::verify(signature, timestamp)', static fn () => $verifier->verify(
                $body, signature: $v['signature'], timestamp: $v['timestamp'], now: $v['now']), false);
            if ($v['sign'] ?? false) {
                $signed = Identity::signWebhook($secret, $body, $v['verified']['timestamp']);
                self::assertSame([$v['signature'], $v['timestamp']], [$signed->signature, $signed->timestamp]);
                self::assertMatchesRegularExpression('/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/', $signed->deliveryId);
            }
        }
    }

    /**
     * @dataProvider diagnoseVectors
     * @param array<string, mixed> $v
     */
    public function testDiagnoseVector(array $v): void
    {
        $secret = self::bytes($v['secret']);
        $body = self::bytes($v['body']);
        $token = $v['identity_hmac_token'] === null ? null : self::bytes($v['identity_hmac_token']);
        $diagnosis = Identity::diagnoseWebhook($secret, $body, signature: $v['signature'], timestamp: $v['timestamp'], identityHmacToken: $token);
        self::assertSame([$v['verified'], $v['findings']], [$diagnosis->verified, $diagnosis->codes()]);
        foreach ($diagnosis->findings as $finding) {
            self::assertStringNotContainsString($secret, $finding->message);
        }
        // The same two values as a PSR-7 header map ("" stands for an absent header).
        $headers = array_filter(['Content-Type' => ['application/json'], 'X-Chatwoot-Signature' => [$v['signature']],
            'X-Chatwoot-Timestamp' => [$v['timestamp']]], static fn ($values) => $values[0] !== '');
        $fromHeaders = Identity::diagnoseWebhook($secret, $body, headers: $headers, identityHmacToken: $token);
        self::assertSame([$v['verified'], $v['findings']], [$fromHeaders->verified, $fromHeaders->codes()]);
    }

    public function testBadInput(): void
    {
        $sent = Identity::signWebhook(self::SECRET, self::BODY, self::NOW);
        $cases = [
            'no signature' => [fn () => Identity::verifyWebhook(self::SECRET, self::BODY, timestamp: $sent->timestamp, now: self::NOW), MissingSignatureException::class],
            'nothing at all' => [fn () => Identity::verifyWebhook(self::SECRET, self::BODY, now: self::NOW), MissingSignatureException::class],
            'no timestamp' => [fn () => Identity::verifyWebhook(self::SECRET, self::BODY, signature: $sent->signature, now: self::NOW), MissingTimestampException::class],
            'a NUL after the signature' => [fn () => Identity::verifyWebhook(self::SECRET, self::BODY, signature: "$sent->signature\0", timestamp: $sent->timestamp, now: self::NOW), MalformedSignatureException::class],
            'the body with a NUL' => [fn () => Identity::verifyWebhook(self::SECRET, self::BODY . "\0", signature: $sent->signature, timestamp: $sent->timestamp, now: self::NOW), SignatureMismatchException::class],
            '301 seconds late' => [fn () => Identity::verifyWebhook(self::SECRET, self::BODY, headers: $sent->headers(), now: self::NOW + 301), StaleTimestampException::class],
            '2 seconds early, tolerance 1' => [fn () => Identity::verifyWebhook(self::SECRET, self::BODY, headers: $sent->headers(), now: self::NOW - 2, tolerance: 1), FutureTimestampException::class],
            'tolerance 0, one second late' => [fn () => Identity::verifyWebhook(self::SECRET, self::BODY, headers: $sent->headers(), now: self::NOW + 1, tolerance: 0), StaleTimestampException::class],
            'the signature twice' => [fn () => Identity::verifyWebhook(self::SECRET, self::BODY, headers: ['X-Chatwoot-Signature' => [$sent->signature, $sent->signature], 'X-Chatwoot-Timestamp' => $sent->timestamp], now: self::NOW), MalformedSignatureException::class],
            'two spellings of the signature' => [fn () => Identity::verifyWebhook(self::SECRET, self::BODY, headers: $sent->headers() + ['x-chatwoot-signature' => $sent->signature], now: self::NOW), MalformedSignatureException::class],
            'both forms' => [fn () => Identity::verifyWebhook(self::SECRET, self::BODY, headers: $sent->headers(), signature: $sent->signature), \ArgumentCountError::class],
            'negative tolerance' => [fn () => new WebhookVerifier(self::SECRET, tolerance: -1), \ValueError::class],
            'negative now' => [fn () => Identity::verifyWebhook(self::SECRET, self::BODY, headers: $sent->headers(), now: -1), \ValueError::class],
            'a negative timestamp to sign' => [fn () => Identity::signWebhook(self::SECRET, self::BODY, -1), \ValueError::class],
            'a header holding an object' => [fn () => Identity::verifyWebhook(self::SECRET, self::BODY, headers: ['X-Chatwoot-Signature' => new \stdClass()]), \TypeError::class],
            'not a request' => [fn () => (new WebhookVerifier(self::SECRET))->verifyRequest(new \stdClass()), \TypeError::class],
            'a pair holding a list' => [fn () => Identity::verifyWebhook(self::SECRET, self::BODY, headers: [['X-Chatwoot-Signature', [$sent->signature]], ['X-Chatwoot-Timestamp', $sent->timestamp]], now: self::NOW), \TypeError::class],
            'a pair holding true' => [fn () => Identity::verifyWebhook(self::SECRET, self::BODY, headers: [['X-Chatwoot-Signature', $sent->signature], ['X-Chatwoot-Timestamp', true]], now: self::NOW), \TypeError::class],
        ];
        foreach ($cases as $name => [$call, $class]) {
            try {
                $call();
                self::fail("$name: no exception");
            } catch (\Throwable $e) {
                self::assertInstanceOf($class, $e, "$name: " . $e::class . ': ' . $e->getMessage());
                self::assertStringNotContainsString(self::SECRET, Vectors::shown($e), $name);
            }
        }
        try {
            Identity::signWebhook('', self::BODY, self::NOW);
            self::fail('signed with no secret');
        } catch (IdentityException $e) {
            self::assertSame('empty_secret', $e->getErrorCode());
        }
        self::assertSame(999999, Identity::verifyWebhook(self::SECRET, self::BODY, headers: $sent->headers(), now: self::NOW + 999999, checkAge: false)->age);
        // A number is its decimal text in a [name, value] pair as in the name => value form.
        $pairs = [['X-Chatwoot-Signature', $sent->signature], ['X-Chatwoot-Timestamp', self::NOW]];
        self::assertSame(3, Identity::verifyWebhook(self::SECRET, self::BODY, headers: $pairs, now: self::NOW + 3)->age);
        // $_SERVER's shape: CGI names, and entries that are not headers at all.
        $server = ['HTTP_X_CHATWOOT_SIGNATURE' => $sent->signature, 'HTTP_X_CHATWOOT_TIMESTAMP' => $sent->timestamp,
            'HTTP_X_CHATWOOT_DELIVERY' => $sent->deliveryId, 'REQUEST_TIME' => self::NOW, 'REQUEST_TIME_FLOAT' => 1.5, 'argv' => ['x'], 'argc' => 1];
        $webhook = Identity::verifyWebhook(self::SECRET, self::BODY, headers: $server, now: self::NOW + 4);
        self::assertSame([4, $sent->deliveryId, substr($sent->signature, 7)], [$webhook->age, $webhook->deliveryId, $webhook->replayKey]);
        self::assertStringNotContainsString($webhook->replayKey, print_r($webhook, true) . var_export([], true));

        $verifier = new WebhookVerifier(self::SECRET, tolerance: 10);
        $shown = print_r($verifier, true) . var_export((array) $verifier, true);
        self::assertStringNotContainsString(self::SECRET, $shown);
        foreach ([static fn () => clone $verifier, static fn () => serialize($verifier)] as $copy) {
            try {
                $copy();
                self::fail('copied');
            } catch (\LogicException) {
            }
        }
        self::assertSame(10, $verifier->verify(self::BODY, headers: $sent->headers(), now: self::NOW + 10)->age, 'the original survives a refused clone');
    }

    public function testPsr7Request(): void
    {
        $sent = Identity::signWebhook(self::SECRET, self::BODY, time());
        // As Guzzle's Stream: __toString() reads from the start and leaves the position at the end.
        $stream = new class (self::BODY) {
            private int $position = 0;

            public function __construct(private string $data)
            {
            }

            public function __toString(): string
            {
                $this->position = strlen($this->data);
                return $this->data;
            }

            public function getContents(): string
            {
                $rest = substr($this->data, $this->position);
                $this->position = strlen($this->data);
                return $rest;
            }

            public function isSeekable(): bool
            {
                return true;
            }

            public function rewind(): void
            {
                $this->position = 0;
            }
        };
        $request = new class ($stream, $sent->headers()) {
            /** @param array<string, string> $headers */
            public function __construct(private object $body, private array $headers)
            {
            }

            public function getBody(): object
            {
                return $this->body;
            }

            /** @return array<string, list<string>> */
            public function getHeaders(): array
            {
                return array_map(static fn (string $v): array => [$v], $this->headers);
            }
        };
        $webhook = (new WebhookVerifier(self::SECRET))->verifyRequest($request);
        self::assertSame($sent->deliveryId, $webhook->deliveryId);
        self::assertSame(self::BODY, $request->getBody()->getContents(), 'the handler reads the whole body after verifying');
        $this->expectException(SignatureMismatchException::class);
        (new WebhookVerifier('another secret'))->verifyRequest($request);
    }

    /** The Chatwoot-like sender (real Ruby, ActiveSupport, Net::HTTP) against `php -S` serving webhook_receiver.php. */
    public function testChatwootSenderOverLoopback(): void
    {
        $ruby = trim((string) shell_exec('command -v ruby'));
        if ($ruby === '') {
            if (getenv('CHATWOOT_IDENTITY_REQUIRE_RUBY')) {
                self::fail('ruby is required (CHATWOOT_IDENTITY_REQUIRE_RUBY is set)');
            }
            self::markTestSkipped('ruby not installed: the Chatwoot-like sender cannot run');
        }
        $socket = stream_socket_server('tcp://127.0.0.1:0');
        $port = (int) substr(strrchr((string) stream_socket_get_name($socket, false), ':'), 1);
        fclose($socket);
        $env = ['CHATWOOT_WEBHOOK_SECRET' => self::SECRET, 'CHATWOOT_IDENTITY_LIB' => (string) getenv('CHATWOOT_IDENTITY_LIB'), 'PATH' => (string) getenv('PATH')];
        // The built-in server is the cli-server SAPI, which ffi.enable=preload does not cover.
        $server = proc_open([PHP_BINARY, '-d', 'ffi.enable=1', '-S', "127.0.0.1:$port", __DIR__ . '/webhook_receiver.php'],
            [0 => ['file', '/dev/null', 'r'], 1 => ['file', '/dev/null', 'w'], 2 => ['file', '/dev/null', 'w']], $pipes, null, $env);
        try {
            for ($tries = 0; $tries < 200 && !($probe = @fsockopen('127.0.0.1', $port)); $tries++) {
                usleep(25000);
            }
            self::assertNotFalse($probe, 'php -S did not start');
            fclose($probe);
            $expected = [
                'good' => '200 verified message_created', 'tampered_body' => '401 signature_mismatch',
                'tampered_timestamp' => '401 signature_mismatch', 'stale' => '401 stale_timestamp',
                'future' => '401 future_timestamp', 'missing_signature' => '401 missing_signature',
                'missing_timestamp' => '401 missing_timestamp', 'missing_headers' => '401 missing_signature',
                'wrong_secret' => '401 signature_mismatch', 'identity_token' => '401 signature_mismatch',
            ];
            $command = [$ruby, dirname(__DIR__, 2) . '/tests/webhooks/chatwoot_sender.rb', "http://127.0.0.1:$port/webhooks/chatwoot",
                '--secret', self::SECRET, '--hmac-token', self::HMAC_TOKEN, '--mode', implode(',', array_keys($expected))];
            exec(implode(' ', array_map('escapeshellarg', $command)) . ' 2>&1', $lines, $exit);
            self::assertSame(0, $exit, implode("\n", $lines));
            $got = [];
            foreach ($lines as $line) {
                [$mode, $status, $body] = explode(' ', $line, 3) + ['', '', ''];
                self::assertStringNotContainsString(self::SECRET, $body);
                if ($status === '200') {
                    self::assertStringEndsWith(' raw', $body, 'the handler got the bytes Chatwoot signed');
                    $got[$mode] = "200 " . implode(' ', array_slice(explode(' ', $body), 0, 2));
                } else {
                    $answer = json_decode($body, true, 512, JSON_THROW_ON_ERROR);
                    self::assertNotEmpty($answer['message']);
                    $got[$mode] = "$status {$answer['error']}";
                }
            }
            self::assertSame($expected, $got);
        } finally {
            proc_terminate($server);
            proc_close($server);
        }
    }
}
