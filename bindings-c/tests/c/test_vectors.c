/* Every vector of every shared file, through the one-off functions and a signer. */
#include <stdlib.h>
#include <string.h>

#include "test_support.h"
#include "vectors.h"

#define COUNT(array) (sizeof(array) / sizeof((array)[0]))

static chatwoot_identity_signer *new_signer(const materialized *secret) {
  chatwoot_identity_signer *signer = NULL;
  chatwoot_identity_status status = chatwoot_identity_signer_new(secret->ptr, secret->len, &signer);
  CHECK(status == CHATWOOT_IDENTITY_OK && signer != NULL, "signer_new: %u", (unsigned)status);
  return signer;
}

static void hash_vectors(void) {
  for (size_t i = 0; i < COUNT(TV_HASH); i++) {
    const tv_hash *v = &TV_HASH[i];
    materialized secret, identifier;
    materialize(&v->secret, &secret);
    materialize(&v->identifier, &identifier);
    char out[CHATWOOT_IDENTITY_HASH_BUFFER_LEN];
    chatwoot_identity_status status =
        chatwoot_identity_identifier_hash(secret.ptr, secret.len, identifier.ptr, identifier.len, out, sizeof out);
    CHECK(status == CHATWOOT_IDENTITY_OK, "%s: status %u", v->description, (unsigned)status);
    CHECK(strcmp(out, v->identifier_hash) == 0, "%s: got %s", v->description, out);

    chatwoot_identity_signer *signer = new_signer(&secret);
    char signed_out[CHATWOOT_IDENTITY_HASH_BUFFER_LEN];
    status = chatwoot_identity_signer_identifier_hash(signer, identifier.ptr, identifier.len, signed_out,
                                           sizeof signed_out);
    CHECK(status == CHATWOOT_IDENTITY_OK, "%s: signer status %u", v->description, (unsigned)status);
    CHECK(strcmp(signed_out, v->identifier_hash) == 0, "%s: signer got %s", v->description, signed_out);

    /* A batch of one and the verify round trip must agree with the vector too. */
    char batch[CHATWOOT_IDENTITY_HASH_LEN];
    status = chatwoot_identity_signer_identifier_hashes(signer, identifier.ptr, identifier.len, &identifier.len,
                                             1, batch, sizeof batch);
    CHECK(status == CHATWOOT_IDENTITY_OK, "%s: batch status %u", v->description, (unsigned)status);
    CHECK(memcmp(batch, v->identifier_hash, CHATWOOT_IDENTITY_HASH_LEN) == 0, "%s: batch",
          v->description);
    bool verified = false;
    status = chatwoot_identity_signer_verify(signer, identifier.ptr, identifier.len,
                                             (const uint8_t *)v->identifier_hash,
                                             strlen(v->identifier_hash), &verified);
    CHECK(status == CHATWOOT_IDENTITY_OK && verified, "%s: signer verify", v->description);
    chatwoot_identity_signer_free(signer);
  }
}

static void verify_vectors(void) {
  for (size_t i = 0; i < COUNT(TV_VERIFY); i++) {
    const tv_verify *v = &TV_VERIFY[i];
    materialized secret, identifier, candidate;
    materialize(&v->secret, &secret);
    materialize(&v->identifier, &identifier);
    materialize(&v->candidate, &candidate);
    bool verified = !v->verified;
    chatwoot_identity_status status = chatwoot_identity_verify(
        secret.ptr, secret.len, identifier.ptr, identifier.len, candidate.ptr, candidate.len, &verified);
    CHECK(status == CHATWOOT_IDENTITY_OK, "%s: status %u", v->description, (unsigned)status);
    CHECK(verified == v->verified, "%s: verified %d", v->description, verified);

    chatwoot_identity_signer *signer = new_signer(&secret);
    verified = !v->verified;
    status = chatwoot_identity_signer_verify(signer, identifier.ptr, identifier.len, candidate.ptr,
                                             candidate.len, &verified);
    CHECK(status == CHATWOOT_IDENTITY_OK && verified == v->verified, "%s: signer verify",
          v->description);
    chatwoot_identity_signer_free(signer);
  }
}

/* The status a vector's core error code must come back as, found through the library's names. */
static void expect_code(const char *description, const char *call, chatwoot_identity_status status,
                        const char *code) {
  const char *name = chatwoot_identity_status_code(status);
  CHECK(name != NULL && strcmp(name, code) == 0, "%s: %s gave status %u (%s), want %s", description,
        call, (unsigned)status, name ? name : "no core code", code);
}

static void error_vectors(void) {
  for (size_t i = 0; i < COUNT(TV_ERROR); i++) {
    const tv_error *v = &TV_ERROR[i];
    materialized secret, identifier;
    materialize(&v->secret, &secret);
    materialize(&v->identifier, &identifier);
    const uint8_t *candidate = (const uint8_t *)"0000";

    char out[CHATWOOT_IDENTITY_HASH_BUFFER_LEN];
    memset(out, 'X', sizeof out);
    expect_code(v->description, "hash",
                chatwoot_identity_identifier_hash(secret.ptr, secret.len, identifier.ptr, identifier.len, out,
                                       sizeof out),
                v->error);
    CHECK(out[0] == 'X' && out[64] == 'X', "%s: the buffer was written on failure", v->description);

    bool verified = true;
    expect_code(v->description, "verify",
                chatwoot_identity_verify(secret.ptr, secret.len, identifier.ptr, identifier.len,
                                         candidate, 4, &verified),
                v->error);
    CHECK(verified, "%s: verified was written on failure", v->description);

    CHECK(strlen(last_error()) > 20, "%s: a sentence, not a code: %s", v->description, last_error());

    uint32_t findings = 7;
    expect_code(v->description, "diagnose",
                chatwoot_identity_diagnose(secret.ptr, secret.len, identifier.ptr, identifier.len,
                                           candidate, 4, &verified, &findings),
                v->error);
    CHECK(findings == 7, "%s: findings written on failure", v->description);

    chatwoot_identity_signer *signer = NULL;
    chatwoot_identity_status status = chatwoot_identity_signer_new(secret.ptr, secret.len, &signer);
    if (strcmp(v->error, "empty_secret") == 0) {
      expect_code(v->description, "signer_new", status, v->error);
      CHECK(signer == NULL, "%s: signer written on failure", v->description);
    } else {
      CHECK(status == CHATWOOT_IDENTITY_OK, "%s: signer_new %u", v->description, (unsigned)status);
      expect_code(v->description, "signer_hash",
                  chatwoot_identity_signer_identifier_hash(signer, identifier.ptr, identifier.len, out, sizeof out),
                  v->error);
      expect_code(v->description, "signer_verify",
                  chatwoot_identity_signer_verify(signer, identifier.ptr, identifier.len, candidate,
                                                  4, &verified),
                  v->error);
      chatwoot_identity_signer_free(signer);
    }
  }
}

static void diagnose_vectors(void) {
  for (size_t i = 0; i < COUNT(TV_DIAGNOSE); i++) {
    const tv_diagnose *v = &TV_DIAGNOSE[i];
    materialized secret, identifier, candidate;
    materialize(&v->secret, &secret);
    materialize(&v->identifier, &identifier);
    materialize(&v->candidate, &candidate);
    bool verified = !v->verified;
    uint32_t findings = 0xFFFFFFFFu;
    chatwoot_identity_status status =
        chatwoot_identity_diagnose(secret.ptr, secret.len, identifier.ptr, identifier.len,
                                   candidate.ptr, candidate.len, &verified, &findings);
    CHECK(status == CHATWOOT_IDENTITY_OK, "%s: status %u", v->description, (unsigned)status);
    CHECK(verified == v->verified, "%s: verified %d", v->description, verified);

    /* The mask's set bits, in bit order, must name exactly the expected codes in order. */
    size_t found = 0;
    for (uint32_t bit = 0; bit < 32; bit++) {
      if (!(findings & (UINT32_C(1) << bit))) continue;
      const char *code = chatwoot_identity_finding_code(bit);
      CHECK(code != NULL, "%s: bit %u has no name", v->description, bit);
      CHECK(found < v->finding_count && code && strcmp(code, v->findings[found]) == 0,
            "%s: finding %zu is %s", v->description, found, code ? code : "(null)");
      found++;
    }
    CHECK(found == v->finding_count, "%s: %zu findings, want %zu", v->description, found,
          v->finding_count);
  }
}

/* Text from a (out, out_len, needed) call: a size query, then the call; NULL on failure. */
typedef chatwoot_identity_status (*text_call)(const chatwoot_identity_signer *, const uint8_t *, size_t, char *,
                                              size_t, size_t *);

static char *sized(text_call call, const chatwoot_identity_signer *signer, const char *json,
                   chatwoot_identity_status *status) {
  size_t needed = 0;
  *status = call(signer, (const uint8_t *)json, strlen(json), NULL, 0, &needed);
  if (*status != CHATWOOT_IDENTITY_BUFFER_TOO_SMALL) return NULL;
  char *text = malloc(needed);
  *status = call(signer, (const uint8_t *)json, strlen(json), text, needed, NULL);
  if (*status == CHATWOOT_IDENTITY_OK) return text;
  free(text);
  return NULL;
}

/* widget.json: a bad request fails with its code, path and kind; a good one carries the hash. */
static void widget_vectors(void) {
  for (size_t i = 0; i < COUNT(TV_WIDGET); i++) {
    const tv_widget *v = &TV_WIDGET[i];
    chatwoot_identity_signer *signer = NULL;
    chatwoot_identity_status status = CHATWOOT_IDENTITY_OK;
    if (v->secret) status = chatwoot_identity_signer_new((const uint8_t *)v->secret, strlen(v->secret), &signer);
    char *html = status == CHATWOOT_IDENTITY_OK
                     ? sized(chatwoot_identity_widget_script, signer, v->request_json, &status)
                     : NULL;
    if (v->error_code) {
      expect_code(v->description, "widget_script", status, v->error_code);
      CHECK(chatwoot_identity_last_error_is_wrong_type() == v->wrong_type, "%s: wrong type %d", v->description,
            !v->wrong_type);
      const char *message = last_error();
      size_t path_len = v->error_path ? strlen(v->error_path) : 0;
      CHECK(!v->error_path || (strncmp(message, v->error_path, path_len) == 0 && strncmp(message + path_len, ": ", 2) == 0),
            "%s: message %s, want the path %s", v->description, message, v->error_path);
      CHECK(!v->secret || !*v->secret || !strstr(message, v->secret), "%s: the secret leaked", v->description);
      CHECK(html == NULL, "%s: a bad request rendered", v->description);
    } else {
      CHECK(status == CHATWOOT_IDENTITY_OK && html, "%s: status %u: %s", v->description, (unsigned)status, last_error());
      CHECK(!html || !v->identifier_hash || strstr(html, v->identifier_hash), "%s: no identifier_hash", v->description);
      CHECK(!html || !v->secret || !strstr(html, v->secret), "%s: the secret reached the page", v->description);
    }
    if (!v->error_code && v->user_json) {
      char *payload = sized(chatwoot_identity_set_user_payload, signer, v->user_json, &status);
      char expected[128];
      snprintf(expected, sizeof expected, "\"identifier_hash\":\"%s\"", v->identifier_hash);
      CHECK(payload && strstr(payload, expected), "%s: payload %s", v->description, payload ? payload : last_error());
      free(payload);
    }
    free(html);
    chatwoot_identity_signer_free(signer);
  }
}

void test_vectors(void) {
  CHECK(COUNT(TV_HASH) > 0 && COUNT(TV_VERIFY) > 0 && COUNT(TV_ERROR) > 0 && COUNT(TV_DIAGNOSE) > 0 &&
            COUNT(TV_WIDGET) > 0,
        "a vector file is empty");
  hash_vectors();
  verify_vectors();
  error_vectors();
  diagnose_vectors();
  widget_vectors();
  printf("vectors: %zu hash, %zu verify, %zu error, %zu diagnose, %zu widget\n", COUNT(TV_HASH),
         COUNT(TV_VERIFY), COUNT(TV_ERROR), COUNT(TV_DIAGNOSE), COUNT(TV_WIDGET));
}
