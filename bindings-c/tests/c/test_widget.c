/* The widget entry points as C uses them: the size query, the signer argument, escaping of
 * hostile values, and the statuses only C can cause. The shared widget.json vectors (every code,
 * path and kind) run in test_vectors.c. */
#include <stdlib.h>
#include <string.h>

#include "test_support.h"

#define SECRET "distinctive-secret-Zq8VbT3kLm"
#define S(text) (const uint8_t *)(text), strlen(text)
#define BASE "\"base_url\":\"https://chat.example.com/\",\"website_token\":\"QrtMG8GydFgEy7bVzsLLmHoq\""
#define HOSTILE_USER "{\"identifier\":\"user-42\",\"name\":\"</script><script>alert(1)</script>\"}"
#define UNTOUCHED_NEEDED ((size_t)0x5eed)

static chatwoot_identity_signer *signer;

static size_t count(const char *haystack, const char *needle) {
  size_t n = 0;
  for (const char *at = strstr(haystack, needle); at; at = strstr(at + 1, needle)) n++;
  return n;
}

static bool untouched(const char *buffer, size_t len) {
  for (size_t i = 0; i < len; i++)
    if (buffer[i] != 'X') return false;
  return true;
}

/* Renders `request` into a fresh buffer sized by a size query first; NULL on failure. */
static char *render(const chatwoot_identity_signer *with, const char *request, chatwoot_identity_status *status) {
  size_t needed = 0;
  *status = chatwoot_identity_widget_script(with, S(request), NULL, 0, &needed);
  if (*status != CHATWOOT_IDENTITY_BUFFER_TOO_SMALL) return NULL;
  char *out = malloc(needed);
  size_t written = 0;
  *status = chatwoot_identity_widget_script(with, S(request), out, needed, &written);
  CHECK(*status != CHATWOOT_IDENTITY_OK || written == needed, "needed %zu then %zu", needed, written);
  if (*status != CHATWOOT_IDENTITY_OK) {
    free(out);
    return NULL;
  }
  return out;
}

/* The status of a failing render, checking that it wrote nothing. */
static chatwoot_identity_status script_status(const chatwoot_identity_signer *with, const uint8_t *request, size_t len) {
  char out[4096];
  size_t needed = UNTOUCHED_NEEDED;
  memset(out, 'X', sizeof out);
  chatwoot_identity_status status = chatwoot_identity_widget_script(with, request, len, out, sizeof out, &needed);
  CHECK(status != CHATWOOT_IDENTITY_OK, "rendered");
  CHECK(untouched(out, sizeof out) && needed == UNTOUCHED_NEEDED, "status %u wrote something", (unsigned)status);
  return status;
}

static void anonymous_visitor(void) {
  chatwoot_identity_status status;
  char *html = render(NULL, "{" BASE "}", &status);
  CHECK(status == CHATWOOT_IDENTITY_OK && html, "anonymous script: status %u", (unsigned)status);
  if (!html) return;
  CHECK(strncmp(html, "<script>\n", 9) == 0, "starts with the element: %.20s", html);
  CHECK(count(html, "</script>") == 1, "one closing tag");
  CHECK(strstr(html, "\"baseUrl\":\"https://chat.example.com\"") != NULL, "the base URL without its trailing slash");
  CHECK(!strstr(html, "\"user\""), "no user for an anonymous visitor");
  free(html);
}

static void hostile_user_is_escaped(void) {
  chatwoot_identity_status status;
  char *html = render(signer, "{" BASE ",\"user\":" HOSTILE_USER ",\"nonce\":\"r4nd0m+/==\"}", &status);
  CHECK(status == CHATWOOT_IDENTITY_OK && html, "user script: status %u", (unsigned)status);
  if (!html) return;
  char hash[CHATWOOT_IDENTITY_HASH_BUFFER_LEN];
  CHECK(chatwoot_identity_identifier_hash(S(SECRET), S("user-42"), hash, sizeof hash) == CHATWOOT_IDENTITY_OK, "hash");
  CHECK(strstr(html, hash) != NULL, "carries the identifier_hash");
  CHECK(strncmp(html, "<script nonce=\"r4nd0m+/==\">", 27) == 0, "nonce on the element: %.40s", html);
  CHECK(count(html, "</script>") == 1, "the name cannot close the element");
  CHECK(strstr(html, "\\u003c/script\\u003e\\u003cscript\\u003e") != NULL, "the name arrives escaped");
  CHECK(!strstr(html, SECRET), "the secret never reaches the page");
  free(html);
}

static void size_query_and_short_buffers(void) {
  const char *request = "{" BASE "}";
  size_t needed = 0;
  CHECK(chatwoot_identity_widget_script(NULL, S(request), NULL, 0, &needed) == CHATWOOT_IDENTITY_BUFFER_TOO_SMALL &&
            needed > 100, "size query: %zu", needed);
  char *out = malloc(needed + 8);
  memset(out, 'X', needed + 8);
  size_t again = 0;
  CHECK(chatwoot_identity_widget_script(NULL, S(request), out, needed - 1, &again) ==
            CHATWOOT_IDENTITY_BUFFER_TOO_SMALL && again == needed, "one byte short");
  CHECK(untouched(out, needed + 8), "a short buffer is untouched");
  CHECK(chatwoot_identity_widget_script(NULL, S(request), out, needed - 1, NULL) == CHATWOOT_IDENTITY_BUFFER_TOO_SMALL,
        "needed may be NULL");
  CHECK(chatwoot_identity_widget_script(NULL, S(request), out, needed, NULL) == CHATWOOT_IDENTITY_OK &&
            strlen(out) == needed - 1 && out[needed] == 'X', "exactly the size fits, NUL included");
  CHECK(chatwoot_identity_widget_script(NULL, S(request), NULL, 10, &needed) == CHATWOOT_IDENTITY_NULL_ARGUMENT,
        "NULL out with a length");
  free(out);
}

static void script_statuses(void) {
  CHECK(script_status(NULL, S("{" BASE ",\"user\":" HOSTILE_USER "}")) == CHATWOOT_IDENTITY_MISSING_SECRET,
        "a user without a signer");
  CHECK(script_status(signer, S("not json")) == CHATWOOT_IDENTITY_INVALID_WIDGET_REQUEST &&
            strncmp(last_error(), "request: ", 9) == 0, "not JSON: %s", last_error());
  CHECK(script_status(signer, NULL, 0) == CHATWOOT_IDENTITY_INVALID_WIDGET_REQUEST, "no document");
  CHECK(script_status(signer, NULL, 3) == CHATWOOT_IDENTITY_NULL_ARGUMENT, "NULL request with a length");
  const char not_utf8[] = "{" BASE ",\"user\":{\"identifier\":\"\xff\",\"name\":\"Jane\"}}";
  CHECK(script_status(signer, S(not_utf8)) == CHATWOOT_IDENTITY_INVALID_WIDGET_REQUEST &&
            strncmp(last_error(), "request: JSON text must be UTF-8", 32) == 0 &&
            !chatwoot_identity_last_error_is_wrong_type(), "bytes that are not UTF-8: %s", last_error());
  CHECK(script_status(signer, S("{" BASE ",\"settings\":{\"position\":\"top\"}}")) ==
            CHATWOOT_IDENTITY_INVALID_WIDGET_REQUEST &&
            strcmp(last_error(), "settings.position: unknown variant, expected `left` or `right`") == 0,
        "the core's exact message: %s", last_error());
  CHECK(script_status(signer, S("{" BASE ",\"user\":{\"identifier\":\"u\",\"name\":5}}")) ==
            CHATWOOT_IDENTITY_INVALID_WIDGET_REQUEST && chatwoot_identity_last_error_is_wrong_type() &&
            strncmp(last_error(), "user.name: invalid type: integer", 32) == 0, "wrong type: %s", last_error());
  /* camelCase keys, as JavaScript writes them, are read too. */
  chatwoot_identity_status status;
  char *html = render(signer, "{\"baseUrl\":\"https://chat.example.com\",\"websiteToken\":\"QrtMG8GydFgEy7bVzsLLmHoq\","
                              "\"settings\":{\"hideMessageBubble\":true}}", &status);
  CHECK(html && strstr(html, "\"hideMessageBubble\":true"), "camelCase: %s", last_error());
  free(html);
}

static void user_payload(void) {
  char out[1024];
  size_t needed = 0;
  const char *user = "{\"identifier\":42,\"email\":\"jane@example.com\",\"custom_attributes\":{\"plan\":\"pro\"}}";
  CHECK(chatwoot_identity_set_user_payload(signer, S(user), out, sizeof out, &needed) == CHATWOOT_IDENTITY_OK &&
            needed == strlen(out) + 1, "payload");
  char hash[CHATWOOT_IDENTITY_HASH_BUFFER_LEN], expected[128];
  CHECK(chatwoot_identity_identifier_hash(S(SECRET), S("42"), hash, sizeof hash) == CHATWOOT_IDENTITY_OK, "hash of 42");
  snprintf(expected, sizeof expected, "\"identifier_hash\":\"%s\"", hash);
  CHECK(strstr(out, expected) != NULL, "payload carries the hash of \"42\": %s", out);
  CHECK(strstr(out, "\"identifier\":\"42\"") != NULL, "an integer identifier becomes a JSON string");
  CHECK(strstr(out, "\"plan\":\"pro\"") && !strstr(out, SECRET), "attributes, no secret");

  size_t size = 0;
  CHECK(chatwoot_identity_set_user_payload(signer, S(user), NULL, 0, &size) == CHATWOOT_IDENTITY_BUFFER_TOO_SMALL &&
            size == needed, "size query %zu", size);
  memset(out, 'X', sizeof out);
  size = UNTOUCHED_NEEDED;
  CHECK(chatwoot_identity_set_user_payload(NULL, S(user), out, sizeof out, &size) == CHATWOOT_IDENTITY_NULL_ARGUMENT,
        "a payload needs a signer");
  CHECK(chatwoot_identity_set_user_payload(signer, S("{\"identifier\":\"a\",\"nick\":\"b\"}"), out, sizeof out,
                                           &size) == CHATWOOT_IDENTITY_INVALID_WIDGET_REQUEST &&
            strncmp(last_error(), "user.nick: unknown field `nick`", 31) == 0, "unknown key: %s", last_error());
  CHECK(chatwoot_identity_set_user_payload(signer, S("{\"identifier\":\"\xfe\",\"name\":\"b\"}"), out, sizeof out,
                                           &size) == CHATWOOT_IDENTITY_INVALID_WIDGET_REQUEST &&
            strncmp(last_error(), "user: ", 6) == 0, "not UTF-8: %s", last_error());
  CHECK(chatwoot_identity_set_user_payload(signer, S(user), NULL, 1, &size) == CHATWOOT_IDENTITY_NULL_ARGUMENT,
        "NULL out with a length");
  CHECK(untouched(out, sizeof out) && size == UNTOUCHED_NEEDED, "failures write nothing");
}

static void reset(void) {
  char out[512];
  size_t needed = 0;
  CHECK(chatwoot_identity_reset_script(NULL, 0, out, sizeof out, &needed) == CHATWOOT_IDENTITY_OK &&
            strncmp(out, "<script>\n", 9) == 0 && strstr(out, "$chatwoot.reset()") && needed == strlen(out) + 1,
        "reset without a nonce");
  CHECK(chatwoot_identity_reset_script(S("abc123"), out, sizeof out, NULL) == CHATWOOT_IDENTITY_OK &&
            strncmp(out, "<script nonce=\"abc123\">", 23) == 0, "reset with a nonce");
  size_t size = 0;
  CHECK(chatwoot_identity_reset_script(S("abc123"), NULL, 0, &size) == CHATWOOT_IDENTITY_BUFFER_TOO_SMALL &&
            size == strlen(out) + 1, "size query");
  memset(out, 'X', sizeof out);
  size = UNTOUCHED_NEEDED;
  CHECK(chatwoot_identity_reset_script(S("a\"b"), out, sizeof out, &size) == CHATWOOT_IDENTITY_INVALID_NONCE &&
            strncmp(last_error(), "nonce must be a CSP nonce", 25) == 0, "quote in nonce: %s", last_error());
  CHECK(chatwoot_identity_reset_script(S("\xff\xfe"), out, sizeof out, &size) == CHATWOOT_IDENTITY_INVALID_NONCE,
        "bytes that are not UTF-8");
  CHECK(chatwoot_identity_reset_script((const uint8_t *)out, 0, out, sizeof out, &size) ==
            CHATWOOT_IDENTITY_INVALID_NONCE, "an empty nonce is not 'no nonce'");
  CHECK(chatwoot_identity_reset_script(NULL, 4, out, sizeof out, &size) == CHATWOOT_IDENTITY_NULL_ARGUMENT,
        "NULL nonce with a length");
  CHECK(chatwoot_identity_reset_script(NULL, 0, out, 10, &size) == CHATWOOT_IDENTITY_BUFFER_TOO_SMALL && size > 10,
        "short");
  CHECK(untouched(out, sizeof out), "failures write nothing");
}

void test_widget(void) {
  CHECK(chatwoot_identity_signer_new(S(SECRET), &signer) == CHATWOOT_IDENTITY_OK, "signer");
  anonymous_visitor();
  hostile_user_is_escaped();
  size_query_and_short_buffers();
  script_statuses();
  user_payload();
  reset();
  chatwoot_identity_signer_free(signer);
}
