<?php

declare(strict_types=1);

namespace ChatwootIdentity\Testing;

/** What the widget snippets on a page will do, as the library reads them. */
final class PageWidget
{
    public function __construct(
        /** How many widget snippets the page holds (1 is right). */
        public readonly int $snippets,
        /** How many reset scripts the page holds. */
        public readonly int $resets,
        /** How many snippets are there only HTML-escaped (they never run). */
        public readonly int $escapedSnippets,
        /** The Chatwoot installation of the last snippet. */
        public readonly ?string $baseUrl,
        /** The inbox's website token of the last snippet. */
        public readonly ?string $websiteToken,
        /** The user the last snippet identifies; null for an anonymous visitor. */
        public readonly ?PageUser $user,
    ) {
    }

    /**
     * Reads every widget and reset snippet that Identity::widgetScript() and resetScript()
     * wrote into $html.
     */
    public static function read(string $html): self
    {
        $json = \ChatwootIdentity\Library::sizedText('chatwoot_identity_read_page', $html, strlen($html));
        return self::fromArray(json_decode($json, true, 512, JSON_THROW_ON_ERROR));
    }

    /**
     * @internal the library's JSON, decoded
     * @param array<string, mixed> $widget
     */
    public static function fromArray(array $widget): self
    {
        $user = $widget['user'];
        return new self(
            $widget['snippets'],
            $widget['resets'],
            $widget['escaped_snippets'],
            $widget['base_url'],
            $widget['website_token'],
            $user === null ? null : new PageUser($user['identifier'], $user['identifier_hash'], $user['attributes']),
        );
    }
}
