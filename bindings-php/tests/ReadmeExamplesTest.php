<?php

declare(strict_types=1);

namespace ChatwootIdentity\Tests;

use PHPUnit\Framework\TestCase;

/**
 * Runs every ```php block of bindings-php/README.md and of the root README.md in its own PHP
 * process. A block's `require 'vendor/autoload.php';` is pointed at this package's autoloader.
 */
final class ReadmeExamplesTest extends TestCase
{
    /** @return array<string, array{0: string}> */
    public static function examples(): array
    {
        $examples = [];
        foreach ([dirname(__DIR__) . '/README.md', dirname(__DIR__, 2) . '/README.md'] as $readme) {
            if (!is_file($readme)) {
                continue;
            }
            preg_match_all('/^```php\n(.*?)^```$/ms', (string) file_get_contents($readme), $blocks);
            foreach ($blocks[1] as $i => $code) {
                $examples[basename(dirname($readme)) . " #$i"] = [$code];
            }
        }
        return $examples;
    }

    public function testThePackageReadmeHasExamples(): void
    {
        self::assertNotEmpty(array_filter(array_keys(self::examples()), fn ($k) => str_starts_with($k, 'bindings-php')));
    }

    /** @dataProvider examples */
    public function testExampleRuns(string $code): void
    {
        $autoload = var_export(dirname(__DIR__) . '/autoload.php', true);
        $code = preg_replace("/require\s+'vendor\/autoload\.php';/", "require $autoload;", $code);
        $file = tempnam(sys_get_temp_dir(), 'readme');
        file_put_contents($file, $code);
        try {
            exec(sprintf('%s -d zend.assertions=1 -d assert.exception=1 %s 2>&1', escapeshellarg(PHP_BINARY), escapeshellarg($file)), $output, $exit);
        } finally {
            unlink($file);
        }
        self::assertSame(0, $exit, implode("\n", $output));
    }
}
