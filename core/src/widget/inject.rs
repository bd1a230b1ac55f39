//! Automatic injection: where in a server-rendered page the widget snippet goes, and when it
//! must not go in at all. The framework middlewares (Express, Django, Rails) decide which
//! responses are pages; this decides what happens to the page's text.

/// A page already has a widget when it holds our loader (its per-document state lives in
/// `window.__chatwootIdentity`) or Chatwoot's own pasted snippet (`chatwootSDK.run`).
const INSTRUMENTED: [&str; 2] = ["__chatwootIdentity", "chatwootSDK.run"];

/// `html` with `snippet` inserted just before its last `</body>` tag (matched without regard
/// to case, and allowing whitespace before `>`), or `None` when the page must be left as it
/// is: it has no `</body>` (a fragment, a partial), or it already holds a widget, ours or
/// Chatwoot's own, so a second one would load the SDK twice.
///
/// ```
/// use chatwoot_identity::{WidgetConfig, insert_widget, widget_script};
///
/// let config = WidgetConfig::new("https://app.chatwoot.com", "QrtMG8GydFgEy7bVzsLLmHoq")?;
/// let snippet = widget_script(&config, None, None)?;
/// let page = "<html><body><h1>Hi</h1></BODY ></html>";
/// let injected = insert_widget(page, &snippet).unwrap();
/// assert!(injected.ends_with(&format!("<h1>Hi</h1>{snippet}</BODY ></html>")));
/// assert_eq!(insert_widget(&injected, &snippet), None, "never a second widget");
/// assert_eq!(insert_widget("<p>a fragment</p>", &snippet), None);
/// # Ok::<(), chatwoot_identity::Error>(())
/// ```
pub fn insert_widget(html: &str, snippet: &str) -> Option<String> {
    if INSTRUMENTED.iter().any(|mark| html.contains(mark)) || snippet.is_empty() {
        return None;
    }
    let at = last_body_end(html)?;
    let mut page = String::with_capacity(html.len() + snippet.len());
    page.push_str(&html[..at]);
    page.push_str(snippet);
    page.push_str(&html[at..]);
    Some(page)
}

/// The byte offset of the last `</body` followed by optional whitespace and `>`.
fn last_body_end(html: &str) -> Option<usize> {
    let bytes = html.as_bytes();
    let mut end = bytes.len();
    while let Some(at) = bytes[..end]
        .windows(6)
        .rposition(|window| window.eq_ignore_ascii_case(b"</body"))
    {
        let rest = &bytes[at + 6..];
        let spaces = rest.iter().take_while(|b| b.is_ascii_whitespace()).count();
        if rest.get(spaces) == Some(&b'>') {
            return Some(at);
        }
        // Search again in front of this one: windows that end before `at + 6`.
        end = at + 5;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const SNIPPET: &str = "<script>w</script>";

    #[test]
    fn goes_before_the_last_closing_body_tag_in_any_case() {
        for (page, expected) in [
            ("<body>a</body>", "<body>a<script>w</script></body>"),
            (
                "<BODY>a</BODY>\n</html>",
                "<BODY>a<script>w</script></BODY>\n</html>",
            ),
            ("<body>a</body\n  >", "<body>a<script>w</script></body\n  >"),
            (
                "<body><pre>&lt;/body&gt;</pre></body></html>",
                "<body><pre>&lt;/body&gt;</pre><script>w</script></body></html>",
            ),
            (
                "<body>a</body></body>",
                "<body>a</body><script>w</script></body>",
            ),
        ] {
            assert_eq!(
                insert_widget(page, SNIPPET).as_deref(),
                Some(expected),
                "{page}"
            );
        }
    }

    #[test]
    fn leaves_fragments_and_lookalike_tags_alone() {
        for page in [
            "",
            "<p>partial</p>",
            "<body>a</bodyguard>",
            "<body>a</body",
            "</bod>",
        ] {
            assert_eq!(insert_widget(page, SNIPPET), None, "{page}");
        }
    }

    #[test]
    fn never_adds_a_second_widget() {
        let ours = "<body><script>window.__chatwootIdentity = {}</script></body>";
        let chatwoots = "<body><script>window.chatwootSDK.run({})</script></body>";
        assert_eq!(insert_widget(ours, SNIPPET), None);
        assert_eq!(insert_widget(chatwoots, SNIPPET), None);
        assert_eq!(
            insert_widget("<body></body>", ""),
            None,
            "nothing to insert"
        );
    }
}
