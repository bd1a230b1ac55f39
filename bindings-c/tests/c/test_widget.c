/* The widget entry points: every status, the size query, and escaping of hostile values. */
#include <stdlib.h>
#include <string.h>

#include "test_support.h"

#define SECRET "distinctive-secret-Zq8VbT3kLm"
#define S(text) (const uint8_t *)(text), strlen(text)
#define NO_SECRET NULL, 0
#define BASE "\"base_url\":\"https://chat.example.com/\",\"website_token\":\"QrtMG8GydFgEy7bVzsLLmHoq\""
#define HOSTILE_USER "{\"identifier\":\"user-42\",\"name\":\"</script><script>alert(1)</script>\"}"
#define UNTOUCHED_NEEDED ((size_t)0x5eed)

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
static char *render(const uint8_t *secret, size_t secret_len, const char *request,
                    chatwoot_identity_status *status) {
  size_t needed = 0;
  *status = chatwoot_identity_widget_script(secret, secret_len, S(request), NULL, 0, &needed);
  if (*status != CHATWOOT_IDENTITY_BUFFER_TOO_SMALL) return NULL;
  char *out = malloc(needed);
  size_t written = 0;
  *status = chatwoot_identity_widget_script(secret, secret_len, S(request), out, needed, &written);
  CHECK(*status != CHATWOOT_IDENTITY_OK || written == needed, "needed %zu then %zu", needed, written);
  if (*status != CHATWOOT_IDENTITY_OK) {
    free(out);
    return NULL;
  }
  return out;
}

static chatwoot_identity_status script_status(const uint8_t *secret, size_t secret_len, const char *request) {
  char out[4096];
  size_t needed = UNTOUCHED_NEEDED;
  memset(out, 'X', sizeof out);
  chatwoot_identity_status status =
      chatwoot_identity_widget_script(secret, secret_len, S(request), out, sizeof out, &needed);
  if (status != CHATWOOT_IDENTITY_OK) {
    CHECK(untouched(out, sizeof out) && needed == UNTOUCHED_NEEDED, "status %u wrote something",
          (unsigned)status);
  }
  return status;
}

static void anonymous_visitor(void) {
  chatwoot_identity_status status;
  char *html = render(NO_SECRET, "{" BASE "}", &status);
  CHECK(status == CHATWOOT_IDENTITY_OK && html, "anonymous script: status %u", (unsigned)status);
  if (!html) return;
  CHECK(strncmp(html, "<script>\n", 9) == 0, "starts with the element: %.20s", html);
  CHECK(count(html, "</script>") == 1, "one closing tag");
  CHECK(strstr(html, "\"baseUrl\":\"https://chat.example.com\"") != NULL, "the base URL without its trailing slash");
  CHECK(strstr(html, "\"websiteToken\":\"QrtMG8GydFgEy7bVzsLLmHoq\"") != NULL, "the token");
  CHECK(!strstr(html, "\"user\""), "no user for an anonymous visitor");
  free(html);
}

static void hostile_user_is_escaped(void) {
  chatwoot_identity_status status;
  char *html = render(S(SECRET), "{" BASE ",\"user\":" HOSTILE_USER ",\"nonce\":\"r4nd0m+/==\","
                                  "\"settings\":{\"position\":\"left\",\"type\":\"expanded_bubble\"}}",
                      &status);
  CHECK(status == CHATWOOT_IDENTITY_OK && html, "user script: status %u", (unsigned)status);
  if (!html) return;
  char hash[CHATWOOT_IDENTITY_HASH_BUFFER_LEN];
  CHECK(chatwoot_identity_hash(S(SECRET), S("user-42"), hash, sizeof hash) == CHATWOOT_IDENTITY_OK, "hash");
  CHECK(strstr(html, hash) != NULL, "carries the identifier_hash");
  CHECK(strncmp(html, "<script nonce=\"r4nd0m+/==\">", 27) == 0, "nonce on the element: %.40s", html);
  CHECK(count(html, "</script>") == 1, "the name cannot close the element");
  CHECK(!strstr(html, "<script><script>") && strstr(html, "\\u003c/script\\u003e\\u003cscript\\u003e"),
        "the name arrives escaped");
  CHECK(strstr(html, "\"expanded_bubble\"") && strstr(html, "\"left\""), "settings");
  CHECK(!strstr(html, SECRET), "the secret never reaches the page");
  free(html);
}

static void size_query_and_short_buffers(void) {
  const char *request = "{" BASE "}";
  size_t needed = 0;
  CHECK(chatwoot_identity_widget_script(NO_SECRET, S(request), NULL, 0, &needed) ==
            CHATWOOT_IDENTITY_BUFFER_TOO_SMALL && needed > 100, "size query: %zu", needed);
  char *out = malloc(needed + 8);
  memset(out, 'X', needed + 8);
  size_t again = 0;
  CHECK(chatwoot_identity_widget_script(NO_SECRET, S(request), out, needed - 1, &again) ==
            CHATWOOT_IDENTITY_BUFFER_TOO_SMALL && again == needed, "one byte short");
  CHECK(untouched(out, needed + 8), "a short buffer is untouched");
  CHECK(chatwoot_identity_widget_script(NO_SECRET, S(request), out, needed - 1, NULL) ==
            CHATWOOT_IDENTITY_BUFFER_TOO_SMALL, "needed may be NULL");
  CHECK(chatwoot_identity_widget_script(NO_SECRET, S(request), out, needed, NULL) == CHATWOOT_IDENTITY_OK &&
            strlen(out) == needed - 1 && out[needed] == 'X', "exactly the size fits, NUL included");
  CHECK(chatwoot_identity_widget_script(NO_SECRET, S(request), NULL, 10, &needed) ==
            CHATWOOT_IDENTITY_NULL_ARGUMENT, "NULL out with a length");
  free(out);
}

static void script_statuses(void) {
  struct {
    const char *request;
    bool with_secret;
    chatwoot_identity_status want;
  } cases[] = {
      {"{" BASE "}", false, CHATWOOT_IDENTITY_OK},
      {"{\"base_url\":\"javascript:alert(1)\",\"website_token\":\"QrtMG8GydFgEy7bVzsLLmHoq\"}", false,
       CHATWOOT_IDENTITY_INVALID_BASE_URL},
      {"{\"base_url\":\"https://u:p@chat.example.com\",\"website_token\":\"QrtMG8GydFgEy7bVzsLLmHoq\"}", false,
       CHATWOOT_IDENTITY_INVALID_BASE_URL},
      {"{\"base_url\":\"https://chat.example.com\",\"website_token\":\"x\\\"><script>\"}", false,
       CHATWOOT_IDENTITY_INVALID_WEBSITE_TOKEN},
      {"{" BASE ",\"nonce\":\"a\\\" onload=\\\"x\"}", false, CHATWOOT_IDENTITY_INVALID_NONCE},
      {"{" BASE ",\"user\":{\"identifier\":\"user-42\"}}", true, CHATWOOT_IDENTITY_INCOMPLETE_USER},
      {"{" BASE ",\"user\":{\"identifier\":\"\",\"name\":\"Jane\"}}", true, CHATWOOT_IDENTITY_EMPTY_IDENTIFIER},
      {"{" BASE ",\"user\":" HOSTILE_USER "}", false, CHATWOOT_IDENTITY_MISSING_SECRET},
      {"{" BASE ",\"colour\":\"red\"}", false, CHATWOOT_IDENTITY_INVALID_WIDGET_JSON},
      {"{" BASE ",\"settings\":{\"position\":\"middle\"}}", false, CHATWOOT_IDENTITY_INVALID_WIDGET_JSON},
      {"{\"website_token\":\"QrtMG8GydFgEy7bVzsLLmHoq\"}", false, CHATWOOT_IDENTITY_INVALID_WIDGET_JSON},
      {"not json", false, CHATWOOT_IDENTITY_INVALID_WIDGET_JSON},
      {"", false, CHATWOOT_IDENTITY_INVALID_WIDGET_JSON},
      {"{" BASE ",\"user\":{\"identifier\":\"\xff\",\"name\":\"Jane\"}}", true,
       CHATWOOT_IDENTITY_INVALID_WIDGET_JSON},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    chatwoot_identity_status got = cases[i].with_secret ? script_status(S(SECRET), cases[i].request)
                                                        : script_status(NO_SECRET, cases[i].request);
    CHECK(got == cases[i].want, "case %zu: status %u (%s), want %u", i, (unsigned)got,
          chatwoot_identity_status_code(got) ? chatwoot_identity_status_code(got) : "-", (unsigned)cases[i].want);
    CHECK(!strstr(chatwoot_identity_status_message(got), SECRET), "messages never hold a secret");
  }
  char empty_secret[1] = {0};
  CHECK(script_status((const uint8_t *)empty_secret, 0, "{" BASE "}") == CHATWOOT_IDENTITY_EMPTY_SECRET,
        "a present but empty secret is an error, not 'no secret'");
  CHECK(script_status(NULL, 5, "{" BASE "}") == CHATWOOT_IDENTITY_NULL_ARGUMENT, "NULL secret with a length");
  char out[64];
  CHECK(chatwoot_identity_widget_script(NO_SECRET, NULL, 3, out, sizeof out, NULL) ==
            CHATWOOT_IDENTITY_NULL_ARGUMENT, "NULL request with a length");
}

static void user_payload(void) {
  char out[1024];
  size_t needed = 0;
  const char *user = "{\"identifier\":42,\"email\":\"jane@example.com\",\"custom_attributes\":{\"plan\":\"pro\"}}";
  CHECK(chatwoot_identity_set_user_payload(S(SECRET), S(user), out, sizeof out, &needed) == CHATWOOT_IDENTITY_OK &&
            needed == strlen(out) + 1, "payload");
  char hash[CHATWOOT_IDENTITY_HASH_BUFFER_LEN], expected[128];
  CHECK(chatwoot_identity_hash(S(SECRET), S("42"), hash, sizeof hash) == CHATWOOT_IDENTITY_OK, "hash of 42");
  snprintf(expected, sizeof expected, "\"identifier_hash\":\"%s\"", hash);
  CHECK(strstr(out, expected) != NULL, "payload carries the hash of \"42\": %s", out);
  CHECK(strstr(out, "\"identifier\":\"42\"") != NULL, "an integer identifier becomes a JSON string");
  CHECK(strstr(out, "\"plan\":\"pro\"") && !strstr(out, SECRET), "attributes, no secret");

  size_t size = 0;
  CHECK(chatwoot_identity_set_user_payload(S(SECRET), S(user), NULL, 0, &size) == CHATWOOT_IDENTITY_BUFFER_TOO_SMALL &&
            size == needed, "size query %zu", size);
  memset(out, 'X', sizeof out);
  size = UNTOUCHED_NEEDED;
  CHECK(chatwoot_identity_set_user_payload(NULL, 0, S(user), out, sizeof out, &size) == CHATWOOT_IDENTITY_EMPTY_SECRET,
        "empty secret");
  CHECK(chatwoot_identity_set_user_payload(S(SECRET), S("{\"identifier\":\"a\"}"), out, sizeof out, &size) ==
            CHATWOOT_IDENTITY_INCOMPLETE_USER, "incomplete user");
  CHECK(chatwoot_identity_set_user_payload(S(SECRET), S("{\"identifier\":\"a\",\"nick\":\"b\"}"), out, sizeof out,
                                           &size) == CHATWOOT_IDENTITY_INVALID_WIDGET_JSON, "unknown field");
  CHECK(chatwoot_identity_set_user_payload(S(SECRET), NULL, 0, out, sizeof out, &size) ==
            CHATWOOT_IDENTITY_INVALID_WIDGET_JSON, "no document");
  CHECK(chatwoot_identity_set_user_payload(S(SECRET), S(user), NULL, 1, &size) == CHATWOOT_IDENTITY_NULL_ARGUMENT,
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
  CHECK(chatwoot_identity_reset_script(S("a\"b"), out, sizeof out, &size) == CHATWOOT_IDENTITY_INVALID_NONCE,
        "quote in nonce");
  CHECK(chatwoot_identity_reset_script(S("\xff\xfe"), out, sizeof out, &size) == CHATWOOT_IDENTITY_INVALID_NONCE,
        "bytes that are not UTF-8");
  CHECK(chatwoot_identity_reset_script((const uint8_t *)out, 0, out, sizeof out, &size) ==
            CHATWOOT_IDENTITY_INVALID_NONCE, "an empty nonce is not 'no nonce'");
  CHECK(chatwoot_identity_reset_script(NULL, 4, out, sizeof out, &size) == CHATWOOT_IDENTITY_NULL_ARGUMENT,
        "NULL nonce with a length");
  CHECK(chatwoot_identity_reset_script(NULL, 0, out, 10, &size) == CHATWOOT_IDENTITY_BUFFER_TOO_SMALL &&
            size > 10, "short");
  CHECK(untouched(out, sizeof out), "failures write nothing");
}

void test_widget(void) {
  anonymous_visitor();
  hostile_user_is_escaped();
  size_query_and_short_buffers();
  script_statuses();
  user_payload();
  reset();
}
