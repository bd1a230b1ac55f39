/* Every vector of every shared file, through the one-off functions and a signer. */
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
        chatwoot_identity_hash(secret.ptr, secret.len, identifier.ptr, identifier.len, out, sizeof out);
    CHECK(status == CHATWOOT_IDENTITY_OK, "%s: status %u", v->description, (unsigned)status);
    CHECK(strcmp(out, v->identifier_hash) == 0, "%s: got %s", v->description, out);

    chatwoot_identity_signer *signer = new_signer(&secret);
    char signed_out[CHATWOOT_IDENTITY_HASH_BUFFER_LEN];
    status = chatwoot_identity_signer_hash(signer, identifier.ptr, identifier.len, signed_out,
                                           sizeof signed_out);
    CHECK(status == CHATWOOT_IDENTITY_OK, "%s: signer status %u", v->description, (unsigned)status);
    CHECK(strcmp(signed_out, v->identifier_hash) == 0, "%s: signer got %s", v->description, signed_out);

    /* A batch of one and the verify round trip must agree with the vector too. */
    char batch[CHATWOOT_IDENTITY_HASH_LEN];
    status = chatwoot_identity_signer_hashes(signer, identifier.ptr, identifier.len, &identifier.len,
                                             1, batch, sizeof batch, NULL);
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
                chatwoot_identity_hash(secret.ptr, secret.len, identifier.ptr, identifier.len, out,
                                       sizeof out),
                v->error);
    CHECK(out[0] == 'X' && out[64] == 'X', "%s: the buffer was written on failure", v->description);

    bool verified = true;
    expect_code(v->description, "verify",
                chatwoot_identity_verify(secret.ptr, secret.len, identifier.ptr, identifier.len,
                                         candidate, 4, &verified),
                v->error);
    CHECK(verified, "%s: verified was written on failure", v->description);

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
                  chatwoot_identity_signer_hash(signer, identifier.ptr, identifier.len, out, sizeof out),
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

void test_vectors(void) {
  CHECK(COUNT(TV_HASH) > 0 && COUNT(TV_VERIFY) > 0 && COUNT(TV_ERROR) > 0 && COUNT(TV_DIAGNOSE) > 0,
        "a vector file is empty");
  hash_vectors();
  verify_vectors();
  error_vectors();
  diagnose_vectors();
  printf("vectors: %zu hash, %zu verify, %zu error, %zu diagnose\n", COUNT(TV_HASH),
         COUNT(TV_VERIFY), COUNT(TV_ERROR), COUNT(TV_DIAGNOSE));
}
