<?php

declare(strict_types=1);

namespace ChatwootIdentity\Tests;

/**
 * Runs every ```php block of bindings-php/README.md and of the root README.md in its own PHP
 * process (a block declaring a PHPUnit TestCase under PHPUnit). A block's
 * `require 'vendor/autoload.php';` is pointed at this package's autoloader.
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

    /** The PHPUnit running this suite, to run a README test case the same way. */
    private static function phpunit(): string
    {
        $script = realpath($_SERVER['SCRIPT_FILENAME'] ?? '') ?: '';
        return $script !== '' && str_contains(basename($script), 'phpunit') ? $script : (string) exec('command -v phpunit');
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
        // A block declaring a PHPUnit test case is a test file: PHPUnit runs it, under its class name.
        $testCase = preg_match('/^final class (\w+) extends TestCase$/m', $code, $class) === 1;
        $dir = sys_get_temp_dir() . '/readme-' . bin2hex(random_bytes(6));
        mkdir($dir);
        $file = $dir . '/' . ($testCase ? $class[1] : 'example') . '.php';
        file_put_contents($file, $code);
        try {
            $command = $testCase
                ? sprintf('%s -d zend.assertions=1 %s --colors=never --do-not-cache-result %s 2>&1', escapeshellarg(PHP_BINARY), escapeshellarg(self::phpunit()), escapeshellarg($file))
                : sprintf('%s -d zend.assertions=-1 %s 2>&1', escapeshellarg(PHP_BINARY), escapeshellarg($file));
            exec($command, $output, $exit);
        } finally {
            unlink($file);
            rmdir($dir);
        }
        self::assertSame(0, $exit, implode("\n", $output));
        if ($testCase) {
            self::assertMatchesRegularExpression('/^OK \([1-9]\d* tests?, [1-9]\d* assertions?\)$/m', implode("\n", $output));
        }
    }

    /** Production PHP runs with zend.assertions=-1, where assert() checks nothing. */
    public function testNoExampleReliesOnAssert(): void
    {
        foreach (self::examples() as $label => [$code]) {
            self::assertDoesNotMatchRegularExpression('/(?<![\w>:$])assert\(/', $code, "$label calls assert(), which production PHP turns off");
        }
    }
}
