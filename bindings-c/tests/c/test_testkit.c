/* The test kit as C uses it: right and deliberately wrong pages, rendered by
 * chatwoot_identity_widget_script, checked by chatwoot_identity_check_page_identity and friends;
 * the size query, the passed flag, and failures that write nothing. */
#include <stdlib.h>
#include <string.h>

#include "test_support.h"

#define SECRET "distinctive-secret-Zq8VbT3kLm"
#define S(text) (const uint8_t *)(text), strlen(text)
#define BASE "\"base_url\":\"https://chat.example.com\",\"website_token\":\"QrtMG8GydFgEy7bVzsLLmHoq\""
#define USER "{\"identifier\":\"user-42\",\"name\":\"Ada\",\"email\":\"ada@example.com\"}"
#define UNTOUCHED_NEEDED ((size_t)0x5eed)

static chatwoot_identity_signer *signer;

/* A text result (widget_script, set_user_payload) in a fresh buffer sized by a size query. */
typedef chatwoot_identity_status (*render_fn)(const chatwoot_identity_signer *, const uint8_t *, size_t, char *,
                                              size_t, size_t *);

static char *render_with(render_fn fn, const chatwoot_identity_signer *with, const char *json) {
  size_t needed = 0;
  if (fn(with, S(json), NULL, 0, &needed) != CHATWOOT_IDENTITY_BUFFER_TOO_SMALL) return NULL;
  char *out = malloc(needed);
  if (fn(with, S(json), out, needed, NULL) != CHATWOOT_IDENTITY_OK) {
    free(out);
    return NULL;
  }
  return out;
}

/* "<html><body>" + snippet(s) + "</body></html>". */
static char *page(const char *first, const char *second) {
  size_t len = strlen(first) + (second ? strlen(second) : 0) + 64;
  char *html = malloc(len);
  snprintf(html, len, "<html><body>%s%s</body></html>", first, second ? second : "");
  return html;
}

/* What a template that escapes its values prints. */
static char *html_escaped(const char *text) {
  char *out = malloc(strlen(text) * 6 + 1), *at = out;
  for (const char *c = text; *c; c++) {
    const char *entity = *c == '<' ? "&lt;" : *c == '>' ? "&gt;" : *c == '&' ? "&amp;" : *c == '"' ? "&quot;" : NULL;
    if (entity) {
      strcpy(at, entity);
      at += strlen(entity);
    } else {
      *at++ = *c;
    }
  }
  *at = 0;
  return out;
}

/* The check's JSON (free it) and passed; NULL when the call failed. */
static char *check_identity(const char *html, size_t html_len, const char *identifier, const char *secret,
                            const char *fields, bool *passed) {
  size_t needed = 0;
  const uint8_t *fields_ptr = fields ? (const uint8_t *)fields : NULL;
  size_t fields_len = fields ? strlen(fields) : 0;
  chatwoot_identity_status status = chatwoot_identity_check_page_identity(
      (const uint8_t *)html, html_len, S(secret), S(identifier), fields_ptr, fields_len, passed, NULL, 0, &needed);
  CHECK(status == CHATWOOT_IDENTITY_BUFFER_TOO_SMALL, "size query: status %u", (unsigned)status);
  char *json = malloc(needed);
  size_t written = 0;
  status = chatwoot_identity_check_page_identity((const uint8_t *)html, html_len, S(secret), S(identifier),
                                                 fields_ptr, fields_len, passed, json, needed, &written);
  CHECK(status == CHATWOOT_IDENTITY_OK && written == needed && strlen(json) + 1 == needed, "check: status %u",
        (unsigned)status);
  CHECK(!strstr(json, SECRET), "the secret never reaches the answer: %s", json);
  return json;
}

static char *check_anonymous(const char *html, bool *passed) {
  char *json = malloc(8192);
  chatwoot_identity_status status = chatwoot_identity_check_page_anonymous(S(html), passed, json, 8192, NULL);
  CHECK(status == CHATWOOT_IDENTITY_OK, "anonymous check: status %u", (unsigned)status);
  return json;
}

/* Whether the check's JSON has exactly one problem, with `code`. */
static bool one_problem(const char *json, const char *code) {
  char wanted[64];
  snprintf(wanted, sizeof wanted, "\"problems\":[{\"code\":\"%s\"", code);
  const char *at = strstr(json, wanted);
  return at && !strstr(at + strlen(wanted), "{\"code\":");
}

static void right_and_wrong_pages(void) {
  char *right = render_with(chatwoot_identity_widget_script, signer, "{" BASE ",\"user\":" USER "}");
  char *anonymous = render_with(chatwoot_identity_widget_script, NULL, "{" BASE "}");
  CHECK(right && anonymous, "rendered");
  if (!right || !anonymous) return;
  char *html = page(right, NULL);
  bool passed = false;

  char *json = check_identity(html, strlen(html), "user-42", SECRET, NULL, &passed);
  CHECK(passed && strstr(json, "\"passed\":true,\"problems\":[]"), "the right page passes: %s", json);
  CHECK(strstr(json, "\"identifier\":\"user-42\"") && strstr(json, "\"snippets\":1"), "the page's user: %s", json);
  free(json);
  json = check_identity(html, strlen(html), "user-42", SECRET, "{\"email\":\"ada@example.com\",\"name\":\"Ada\"}", &passed);
  CHECK(passed, "the right fields pass: %s", json);
  free(json);

  passed = true;
  json = check_identity(html, strlen(html), "user-43", SECRET, NULL, &passed);
  CHECK(!passed && one_problem(json, "wrong_identifier") && strstr(json, "\\\"user-43\\\""), "wrong identifier: %s", json);
  free(json);
  passed = true;
  json = check_identity(html, strlen(html), "user-42", "another-secret", NULL, &passed);
  CHECK(!passed && one_problem(json, "hash_mismatch") && strstr(json, "diagnose: "), "wrong secret: %s", json);
  free(json);
  passed = true;
  json = check_identity(html, strlen(html), "user-42", SECRET, "{\"email\":\"bob@example.com\"}", &passed);
  CHECK(!passed && one_problem(json, "field_mismatch") && strstr(json, "bob@example.com"), "wrong field: %s", json);
  free(json);

  /* Stray bytes that are not UTF-8 elsewhere on the page do not hide the snippet. */
  char *stray = page("<p>\xff\xfe</p>", right);
  json = check_identity(stray, strlen(stray), "user-42", SECRET, NULL, &passed);
  CHECK(passed, "a page with stray bytes: %s", json);
  free(json);
  free(stray);
  /* A length shorter than the text: only what it covers is read (the closing tag is cut). */
  json = check_identity(html, 20, "user-42", SECRET, NULL, &passed);
  CHECK(!passed && one_problem(json, "no_widget"), "a cut page: %s", json);
  free(json);

  char *escaped_snippet = html_escaped(right);
  char *escaped = page(escaped_snippet, NULL);
  json = check_identity(escaped, strlen(escaped), "user-42", SECRET, NULL, &passed);
  CHECK(!passed && one_problem(json, "escaped_widget"), "escaped snippet: %s", json);
  free(json);
  const char *none = "<html><body><p>no widget</p></body></html>";
  json = check_identity(none, strlen(none), "user-42", SECRET, NULL, &passed);
  CHECK(!passed && one_problem(json, "no_widget"), "no widget: %s", json);
  free(json);
  char *twice = page(right, right);
  json = check_identity(twice, strlen(twice), "user-42", SECRET, NULL, &passed);
  CHECK(!passed && one_problem(json, "several_widgets") && strstr(json, "\"snippets\":2"), "two widgets: %s", json);
  free(json);
  char *nobody = page(anonymous, NULL);
  json = check_identity(nobody, strlen(nobody), "user-42", SECRET, NULL, &passed);
  CHECK(!passed && one_problem(json, "anonymous"), "anonymous page: %s", json);
  free(json);

  /* The anonymous counterpart. */
  json = check_anonymous(nobody, &passed);
  CHECK(passed && strstr(json, "\"user\":null"), "the anonymous page passes: %s", json);
  free(json);
  char reset[512];
  CHECK(chatwoot_identity_reset_script(NULL, 0, reset, sizeof reset, NULL) == CHATWOOT_IDENTITY_OK, "reset");
  char *logged_out = page(reset, NULL);
  json = check_anonymous(logged_out, &passed);
  CHECK(passed && strstr(json, "\"resets\":1"), "the page after logout passes: %s", json);
  free(json);
  json = check_anonymous(html, &passed);
  CHECK(!passed && one_problem(json, "unexpected_user"), "a user where nobody is expected: %s", json);
  free(json);
  json = check_anonymous(none, &passed);
  CHECK(!passed && one_problem(json, "no_widget"), "no widget is not anonymous: %s", json);
  free(json);

  /* read_page: what the page holds. */
  char widget[4096];
  size_t needed = 0;
  CHECK(chatwoot_identity_read_page(S(twice), widget, sizeof widget, &needed) == CHATWOOT_IDENTITY_OK &&
            needed == strlen(widget) + 1 && strncmp(widget, "{\"snippets\":2,", 14) == 0,
        "read_page: %s", widget);

  free(logged_out);
  free(nobody);
  free(twice);
  free(escaped);
  free(escaped_snippet);
  free(html);
  free(anonymous);
  free(right);
}

static void payloads(void) {
  char *payload = render_with(chatwoot_identity_set_user_payload, signer, USER);
  CHECK(payload != NULL, "payload rendered");
  if (!payload) return;
  char json[4096];
  bool passed = false;
  CHECK(chatwoot_identity_check_payload_identity(S(payload), S(SECRET), S("user-42"), S("{\"name\":\"Ada\"}"), &passed,
                                                 json, sizeof json, NULL) == CHATWOOT_IDENTITY_OK &&
            passed,
        "the right payload passes: %s", json);
  CHECK(chatwoot_identity_check_payload_identity(S(payload), S("another-secret"), S("user-42"), NULL, 0, &passed,
                                                 json, sizeof json, NULL) == CHATWOOT_IDENTITY_OK &&
            !passed && one_problem(json, "hash_mismatch"),
        "wrong secret: %s", json);
  CHECK(chatwoot_identity_check_payload_identity(S("[1, 2]"), S(SECRET), S("user-42"), NULL, 0, &passed, json,
                                                 sizeof json, NULL) == CHATWOOT_IDENTITY_OK &&
            !passed && one_problem(json, "malformed_payload"),
        "not a payload: %s", json);
  free(payload);
}

/* Failures: the status, the last error, and nothing written (neither text, size nor passed). */
static void failures(void) {
  char *right = render_with(chatwoot_identity_widget_script, signer, "{" BASE ",\"user\":" USER "}");
  if (!right) return;
  char out[8192];
  bool passed = true;
  size_t needed = UNTOUCHED_NEEDED;
  memset(out, 'X', sizeof out);
#define UNTOUCHED (out[0] == 'X' && passed && needed == UNTOUCHED_NEEDED)
  chatwoot_identity_status status = chatwoot_identity_check_page_identity(S(right), NULL, 0, S("user-42"), NULL, 0,
                                                                          &passed, out, sizeof out, &needed);
  CHECK(status == CHATWOOT_IDENTITY_EMPTY_SECRET && UNTOUCHED, "empty secret: status %u", (unsigned)status);
  status = chatwoot_identity_check_page_identity(S(right), S(SECRET), S("user-42"), S("[\"email\"]"), &passed, out,
                                                 sizeof out, &needed);
  CHECK(status == CHATWOOT_IDENTITY_INVALID_WIDGET_REQUEST && UNTOUCHED, "fields not an object: %u", (unsigned)status);
  CHECK(strncmp(last_error(), "fields", 6) == 0, "the last error names fields: %s", last_error());
  status = chatwoot_identity_check_page_identity(S(right), S(SECRET), S("user-42"), S("{\"email\": \xff}"), &passed,
                                                 out, sizeof out, &needed);
  CHECK(status == CHATWOOT_IDENTITY_INVALID_WIDGET_REQUEST && UNTOUCHED, "fields not UTF-8: %u", (unsigned)status);
  status = chatwoot_identity_check_page_identity(NULL, 5, S(SECRET), S("user-42"), NULL, 0, &passed, out,
                                                 sizeof out, &needed);
  CHECK(status == CHATWOOT_IDENTITY_NULL_ARGUMENT && UNTOUCHED, "NULL html: %u", (unsigned)status);
  status = chatwoot_identity_check_page_identity(S(right), S(SECRET), S("user-42"), NULL, 0, NULL, out, sizeof out,
                                                 &needed);
  CHECK(status == CHATWOOT_IDENTITY_NULL_ARGUMENT && UNTOUCHED, "NULL passed: %u", (unsigned)status);
  status = chatwoot_identity_check_page_anonymous(S(right), &passed, NULL, 10, &needed);
  CHECK(status == CHATWOOT_IDENTITY_NULL_ARGUMENT && UNTOUCHED, "NULL out with a length: %u", (unsigned)status);
  status = chatwoot_identity_check_payload_identity(S("{}"), NULL, 0, S("user-42"), NULL, 0, &passed, out,
                                                    sizeof out, &needed);
  CHECK(status == CHATWOOT_IDENTITY_EMPTY_SECRET && UNTOUCHED, "payload, empty secret: %u", (unsigned)status);

  /* Too small by one: the size, and nothing else (passed stays as it was). */
  status = chatwoot_identity_check_page_anonymous(S(right), &passed, NULL, 0, &needed);
  CHECK(status == CHATWOOT_IDENTITY_BUFFER_TOO_SMALL && needed > 1 && passed && out[0] == 'X', "size query: %u",
        (unsigned)status);
  size_t size = needed;
  status = chatwoot_identity_check_page_anonymous(S(right), &passed, out, size - 1, &needed);
  CHECK(status == CHATWOOT_IDENTITY_BUFFER_TOO_SMALL && needed == size && passed && out[0] == 'X', "short: %u",
        (unsigned)status);
  status = chatwoot_identity_check_page_anonymous(S(right), &passed, out, size, NULL);
  CHECK(status == CHATWOOT_IDENTITY_OK && !passed && strlen(out) + 1 == size, "exact size: %u", (unsigned)status);
  CHECK(strcmp(last_error(), "") == 0, "a success clears the last error");
#undef UNTOUCHED
  free(right);
}

static void problem_codes(void) {
  uint32_t count = chatwoot_identity_page_problem_count();
  CHECK(count >= 9, "%u page problem codes", count);
  for (uint32_t n = 0; n < count; n++) {
    const char *code = chatwoot_identity_page_problem_code(n), *message = chatwoot_identity_page_problem_message(n);
    CHECK(code && message && *code && *message, "page problem %u is named", n);
  }
  CHECK(strcmp(chatwoot_identity_page_problem_code(6), "hash_mismatch") == 0, "numbers are the core's");
  CHECK(!chatwoot_identity_page_problem_code(count) && !chatwoot_identity_page_problem_message(count), "past the end");
}

void test_testkit(void) {
  if (chatwoot_identity_signer_new(S(SECRET), &signer) != CHATWOOT_IDENTITY_OK) {
    CHECK(false, "signer");
    return;
  }
  right_and_wrong_pages();
  payloads();
  failures();
  problem_codes();
  chatwoot_identity_signer_free(signer);
}
