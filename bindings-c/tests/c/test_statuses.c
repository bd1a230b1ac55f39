/* Every status each function can return, and that failures write nothing. */
#include <stdlib.h>
#include <string.h>

#include "test_support.h"

#define SECRET "distinctive-secret-Zq8VbT3kLm"
#define ID "unique-identifier-of-the-user"
#define DOC_HASH "fa803c5ef0dc4056f15936cc79e6c9eb912fe55b5d7afb9c0a14f3a1a491700c"
#define S(text) (const uint8_t *)(text), strlen(text)

static const uint8_t *const doc_secret = (const uint8_t *)"your-secret-token-for-hmac";
static const size_t doc_secret_len = 26;

static bool untouched(const char *buffer, size_t len) {
  for (size_t i = 0; i < len; i++)
    if (buffer[i] != 'X') return false;
  return true;
}

static void one_off_statuses(void) {
  char out[CHATWOOT_IDENTITY_HASH_BUFFER_LEN + 8];
  bool verified = true;
  uint32_t findings = 5;

  memset(out, 'X', sizeof out);
  CHECK(chatwoot_identity_identifier_hash(doc_secret, doc_secret_len, S(ID), out, 65) == CHATWOOT_IDENTITY_OK, "ok");
  CHECK(strcmp(out, DOC_HASH) == 0 && out[65] == 'X', "writes 64 characters and a NUL only");

  memset(out, 'X', sizeof out);
  CHECK(chatwoot_identity_identifier_hash(doc_secret, doc_secret_len, S(ID), out, 64) ==
            CHATWOOT_IDENTITY_BUFFER_TOO_SMALL, "64 bytes leave no room for the NUL");
  CHECK(untouched(out, sizeof out), "short buffer untouched");
  CHECK(chatwoot_identity_identifier_hash(doc_secret, doc_secret_len, S(ID), NULL, 65) ==
            CHATWOOT_IDENTITY_NULL_ARGUMENT, "NULL out");
  CHECK(chatwoot_identity_identifier_hash(NULL, 3, S(ID), out, 65) == CHATWOOT_IDENTITY_NULL_ARGUMENT,
        "NULL secret with a length");
  CHECK(chatwoot_identity_identifier_hash(doc_secret, doc_secret_len, NULL, 3, out, 65) ==
            CHATWOOT_IDENTITY_NULL_ARGUMENT, "NULL identifier with a length");
  CHECK(chatwoot_identity_identifier_hash(NULL, 0, S(ID), out, 65) == CHATWOOT_IDENTITY_EMPTY_SECRET,
        "NULL with length 0 is the empty secret");
  CHECK(chatwoot_identity_identifier_hash(doc_secret, doc_secret_len, NULL, 0, out, 65) ==
            CHATWOOT_IDENTITY_EMPTY_IDENTIFIER, "NULL with length 0 is the empty identifier");
  CHECK(chatwoot_identity_identifier_hash(S(""), S(ID), out, 65) == CHATWOOT_IDENTITY_EMPTY_SECRET, "empty secret");
  CHECK(untouched(out, sizeof out), "failures write nothing");

  CHECK(chatwoot_identity_verify(doc_secret, doc_secret_len, S(ID), S(DOC_HASH), &verified) ==
            CHATWOOT_IDENTITY_OK && verified, "verify ok");
  CHECK(chatwoot_identity_verify(doc_secret, doc_secret_len, S(ID), NULL, 0, &verified) ==
            CHATWOOT_IDENTITY_OK && !verified, "an empty candidate is false, not an error");
  CHECK(chatwoot_identity_verify(doc_secret, doc_secret_len, S(ID), NULL, 64, &verified) ==
            CHATWOOT_IDENTITY_NULL_ARGUMENT, "NULL candidate with a length");
  CHECK(chatwoot_identity_verify(doc_secret, doc_secret_len, S(ID), S(DOC_HASH), NULL) ==
            CHATWOOT_IDENTITY_NULL_ARGUMENT, "NULL verified");
  CHECK(chatwoot_identity_verify(S(""), S(ID), S(DOC_HASH), &verified) == CHATWOOT_IDENTITY_EMPTY_SECRET,
        "verify empty secret");
  CHECK(chatwoot_identity_verify(doc_secret, doc_secret_len, S(""), S(DOC_HASH), &verified) ==
            CHATWOOT_IDENTITY_EMPTY_IDENTIFIER, "verify empty identifier");

  CHECK(chatwoot_identity_diagnose(doc_secret, doc_secret_len, S(ID), S(DOC_HASH), &verified,
                                   &findings) == CHATWOOT_IDENTITY_OK && verified && findings == 0,
        "diagnose of the right hash");
  CHECK(chatwoot_identity_diagnose(doc_secret, doc_secret_len, S(ID), S(DOC_HASH), NULL, &findings) ==
            CHATWOOT_IDENTITY_NULL_ARGUMENT, "diagnose NULL verified");
  CHECK(chatwoot_identity_diagnose(doc_secret, doc_secret_len, S(ID), S(DOC_HASH), &verified, NULL) ==
            CHATWOOT_IDENTITY_NULL_ARGUMENT, "diagnose NULL findings");
  CHECK(chatwoot_identity_diagnose(S(""), S(ID), S(DOC_HASH), &verified, &findings) ==
            CHATWOOT_IDENTITY_EMPTY_SECRET, "diagnose empty secret");
  CHECK(chatwoot_identity_diagnose(doc_secret, doc_secret_len, S(""), S(DOC_HASH), &verified,
                                   &findings) == CHATWOOT_IDENTITY_EMPTY_IDENTIFIER,
        "diagnose empty identifier");
}

static void signer_statuses(void) {
  chatwoot_identity_signer *signer = NULL;
  char out[CHATWOOT_IDENTITY_HASH_BUFFER_LEN];
  bool verified = false;

  CHECK(chatwoot_identity_signer_new(S(SECRET), NULL) == CHATWOOT_IDENTITY_NULL_ARGUMENT, "NULL out");
  CHECK(chatwoot_identity_signer_new(NULL, 1, &signer) == CHATWOOT_IDENTITY_NULL_ARGUMENT && !signer,
        "NULL secret with a length");
  CHECK(chatwoot_identity_signer_new(NULL, 0, &signer) == CHATWOOT_IDENTITY_EMPTY_SECRET && !signer,
        "empty secret");
  CHECK(chatwoot_identity_signer_new(doc_secret, doc_secret_len, &signer) == CHATWOOT_IDENTITY_OK &&
            signer, "signer");

  memset(out, 'X', sizeof out);
  CHECK(chatwoot_identity_signer_identifier_hash(NULL, S(ID), out, 65) == CHATWOOT_IDENTITY_NULL_ARGUMENT, "NULL signer");
  CHECK(chatwoot_identity_signer_identifier_hash(signer, S(ID), out, 64) == CHATWOOT_IDENTITY_BUFFER_TOO_SMALL, "short");
  CHECK(chatwoot_identity_signer_identifier_hash(signer, S(ID), NULL, 65) == CHATWOOT_IDENTITY_NULL_ARGUMENT, "NULL out");
  CHECK(chatwoot_identity_signer_identifier_hash(signer, NULL, 0, out, 65) == CHATWOOT_IDENTITY_EMPTY_IDENTIFIER, "empty");
  CHECK(untouched(out, sizeof out), "signer failures write nothing");
  CHECK(chatwoot_identity_signer_identifier_hash(signer, S(ID), out, 65) == CHATWOOT_IDENTITY_OK &&
            strcmp(out, DOC_HASH) == 0, "signer hash");

  CHECK(chatwoot_identity_signer_verify(NULL, S(ID), S(DOC_HASH), &verified) ==
            CHATWOOT_IDENTITY_NULL_ARGUMENT, "verify NULL signer");
  CHECK(chatwoot_identity_signer_verify(signer, S(ID), S(DOC_HASH), NULL) ==
            CHATWOOT_IDENTITY_NULL_ARGUMENT, "verify NULL verified");
  CHECK(chatwoot_identity_signer_verify(signer, S(""), S(DOC_HASH), &verified) ==
            CHATWOOT_IDENTITY_EMPTY_IDENTIFIER, "verify empty identifier");
  CHECK(chatwoot_identity_signer_verify(signer, S(ID), S(DOC_HASH), &verified) == CHATWOOT_IDENTITY_OK &&
            verified, "verify");

  /* Batches: three identifiers packed back to back, the middle one with a NUL inside. */
  const char data[] = "alice" "b\0b" "carol";
  size_t lengths[] = {5, 3, 5};
  char hashes[3 * CHATWOOT_IDENTITY_HASH_LEN + 1];
  memset(hashes, 'X', sizeof hashes);
  CHECK(chatwoot_identity_signer_identifier_hashes(signer, (const uint8_t *)data, 13, lengths, 3, hashes,
                                                   3 * 64 - 1) == CHATWOOT_IDENTITY_BUFFER_TOO_SMALL,
        "batch short buffer");
  CHECK(chatwoot_identity_signer_identifier_hashes(signer, (const uint8_t *)data, 12, lengths, 3, hashes, 3 * 64) ==
            CHATWOOT_IDENTITY_LENGTH_MISMATCH, "lengths beyond data");
  CHECK(chatwoot_identity_signer_identifier_hashes(signer, (const uint8_t *)data, 14, lengths, 3, hashes, 3 * 64) ==
            CHATWOOT_IDENTITY_LENGTH_MISMATCH, "data beyond lengths");
  CHECK(chatwoot_identity_signer_identifier_hashes(signer, (const uint8_t *)data, 13, NULL, 3, hashes, 3 * 64) ==
            CHATWOOT_IDENTITY_NULL_ARGUMENT, "NULL lengths");
  CHECK(chatwoot_identity_signer_identifier_hashes(NULL, (const uint8_t *)data, 13, lengths, 3, hashes, 3 * 64) ==
            CHATWOOT_IDENTITY_NULL_ARGUMENT, "NULL signer");
  CHECK(chatwoot_identity_signer_identifier_hashes(signer, (const uint8_t *)data, 13, lengths, 3, NULL, 3 * 64) ==
            CHATWOOT_IDENTITY_NULL_ARGUMENT, "NULL out");
  size_t with_empty[] = {5, 0, 8};
  CHECK(chatwoot_identity_signer_identifier_hashes(signer, (const uint8_t *)data, 13, with_empty, 3, hashes,
                                                   3 * 64) == CHATWOOT_IDENTITY_EMPTY_IDENTIFIER,
        "an empty identifier fails the batch");
  CHECK(strncmp(last_error(), "identifiers[1] must not be empty", 32) == 0,
        "the message names the position in the batch: %s", last_error());
  CHECK(untouched(hashes, sizeof hashes), "batch failures write nothing");
  CHECK(chatwoot_identity_signer_identifier_hashes(signer, NULL, 0, NULL, 0, NULL, 0) == CHATWOOT_IDENTITY_OK,
        "an empty batch");
  CHECK(chatwoot_identity_signer_identifier_hashes(signer, (const uint8_t *)data, 13, lengths, 3, hashes, 3 * 64) ==
            CHATWOOT_IDENTITY_OK && hashes[3 * 64] == 'X', "batch");
  for (size_t i = 0, offset = 0; i < 3; offset += lengths[i], i++) {
    CHECK(chatwoot_identity_signer_identifier_hash(signer, (const uint8_t *)data + offset, lengths[i], out, 65) ==
              CHATWOOT_IDENTITY_OK && memcmp(out, hashes + 64 * i, 64) == 0,
          "batch item %zu equals the single hash", i);
  }

  chatwoot_identity_signer_free(signer);
  chatwoot_identity_signer_free(NULL);
}

static void names_and_versions(void) {
  const chatwoot_identity_status statuses[] = {
      CHATWOOT_IDENTITY_OK, CHATWOOT_IDENTITY_EMPTY_SECRET, CHATWOOT_IDENTITY_EMPTY_IDENTIFIER,
      CHATWOOT_IDENTITY_INVALID_WIDGET_REQUEST, CHATWOOT_IDENTITY_NULL_ARGUMENT,
      CHATWOOT_IDENTITY_BUFFER_TOO_SMALL, CHATWOOT_IDENTITY_PANIC, CHATWOOT_IDENTITY_LENGTH_MISMATCH};
  for (size_t i = 0; i < sizeof statuses / sizeof statuses[0]; i++) {
    const char *message = chatwoot_identity_status_message(statuses[i]);
    CHECK(message && *message, "status %u has a message", (unsigned)statuses[i]);
    CHECK(!strstr(message, SECRET), "messages never hold a secret");
  }
  CHECK(strstr(chatwoot_identity_status_message(12345), "unknown") != NULL, "unknown status");
  /* Core statuses are the codes' numbers, 1..99; each is named once, with its summary. */
  unsigned named = 0;
  for (uint32_t status = 1; status < 100; status++) {
    const char *code = chatwoot_identity_status_code(status);
    if (!code) continue;
    named++;
    CHECK(!strstr(chatwoot_identity_status_message(status), "unknown"), "status %u has a message", status);
    for (uint32_t other = 1; other < status; other++) {
      const char *earlier = chatwoot_identity_status_code(other);
      CHECK(!earlier || strcmp(earlier, code) != 0, "%s is named twice", code);
    }
  }
  CHECK(named >= 8, "only %u core statuses", named);
  CHECK(strcmp(chatwoot_identity_status_code(CHATWOOT_IDENTITY_INVALID_WIDGET_REQUEST), "invalid_widget_request") == 0,
        "code");
  for (uint32_t status = 100; status < 200; status++)
    CHECK(chatwoot_identity_status_code(status) == NULL, "status %u is no core code", status);
  CHECK(strcmp(chatwoot_identity_status_code(CHATWOOT_IDENTITY_EMPTY_SECRET), "empty_secret") == 0, "code");
  CHECK(strcmp(chatwoot_identity_status_code(CHATWOOT_IDENTITY_EMPTY_IDENTIFIER), "empty_identifier") == 0,
        "code");
  CHECK(chatwoot_identity_status_code(CHATWOOT_IDENTITY_OK) == NULL, "OK has no core code");
  CHECK(chatwoot_identity_status_code(CHATWOOT_IDENTITY_NULL_ARGUMENT) == NULL, "ABI statuses have none");

  uint32_t count = chatwoot_identity_finding_count();
  CHECK(count > 0 && count <= 32, "finding count %u", count);
  for (uint32_t i = 0; i < count; i++)
    CHECK(chatwoot_identity_finding_code(i) && chatwoot_identity_finding_message(i), "finding %u", i);
  CHECK(!chatwoot_identity_finding_code(count) && !chatwoot_identity_finding_message(count),
        "no finding past the count");

  char version[32];
  snprintf(version, sizeof version, "%d.%d.%d", CHATWOOT_IDENTITY_VERSION_MAJOR,
           CHATWOOT_IDENTITY_VERSION_MINOR, CHATWOOT_IDENTITY_VERSION_PATCH);
  CHECK(strcmp(version, chatwoot_identity_version()) == 0, "header %s, library %s", version,
        chatwoot_identity_version());
  const char *expected = getenv("EXPECTED_CRATE_VERSION");
  CHECK(expected && strcmp(expected, chatwoot_identity_version()) == 0,
        "library %s, crate %s", chatwoot_identity_version(), expected ? expected : "(unset)");
}

static void integer_statuses(void) {
  char text[CHATWOOT_IDENTITY_INTEGER_BUFFER_LEN];
  size_t written = 0;
  CHECK(chatwoot_identity_integer_identifier_i64(INT64_MIN, text, sizeof text, &written) ==
            CHATWOOT_IDENTITY_OK && strcmp(text, "-9223372036854775808") == 0 && written == 20, "i64 min");
  CHECK(chatwoot_identity_integer_identifier_u64(UINT64_MAX, text, sizeof text, &written) ==
            CHATWOOT_IDENTITY_OK && strcmp(text, "18446744073709551615") == 0, "u64 max");
  CHECK(chatwoot_identity_integer_identifier_i64(1, text, sizeof text - 1, &written) ==
            CHATWOOT_IDENTITY_BUFFER_TOO_SMALL, "short integer buffer");
  CHECK(chatwoot_identity_integer_identifier_i64(1, NULL, sizeof text, &written) ==
            CHATWOOT_IDENTITY_NULL_ARGUMENT, "NULL integer buffer");
  CHECK(chatwoot_identity_integer_identifier_u64(1, text, sizeof text, NULL) ==
            CHATWOOT_IDENTITY_NULL_ARGUMENT, "NULL written");
}

/* The last error: exact, per thread, kept by its own reads, cleared by a success. */
static void last_errors(void) {
  char hash[CHATWOOT_IDENTITY_HASH_BUFFER_LEN];
  CHECK(chatwoot_identity_identifier_hash(S(""), S(ID), hash, sizeof hash) == CHATWOOT_IDENTITY_EMPTY_SECRET, "empty");
  CHECK(strncmp(last_error(), "secret must not be empty: pass the inbox's HMAC secret", 54) == 0,
        "the core's message, not the summary: %s", last_error());
  CHECK(strcmp(last_error(), last_error()) == 0, "reading it leaves it as it is");
  CHECK(!chatwoot_identity_last_error_is_wrong_type(), "an empty secret is no wrong type");

  size_t needed = 0, again = 0;
  char small[4];
  memset(small, 'X', sizeof small);
  CHECK(chatwoot_identity_last_error_message(NULL, 0, &needed) == CHATWOOT_IDENTITY_BUFFER_TOO_SMALL &&
            needed == strlen(last_error()) + 1, "size query: %zu", needed);
  CHECK(chatwoot_identity_last_error_message(small, sizeof small, &again) == CHATWOOT_IDENTITY_BUFFER_TOO_SMALL &&
            again == needed && untouched(small, sizeof small), "a short buffer is untouched");
  CHECK(chatwoot_identity_last_error_message(NULL, 3, &again) == CHATWOOT_IDENTITY_NULL_ARGUMENT, "NULL out");
  CHECK(strncmp(last_error(), "secret must not be empty", 24) == 0, "its own failures do not replace it");

  CHECK(chatwoot_identity_identifier_hash(S(SECRET), S(ID), hash, 10) == CHATWOOT_IDENTITY_BUFFER_TOO_SMALL, "short");
  CHECK(strcmp(last_error(), chatwoot_identity_status_message(CHATWOOT_IDENTITY_BUFFER_TOO_SMALL)) == 0,
        "an interface status has its sentence: %s", last_error());
  CHECK(chatwoot_identity_identifier_hash(S(SECRET), S(ID), hash, sizeof hash) == CHATWOOT_IDENTITY_OK, "ok");
  CHECK(strcmp(last_error(), "") == 0, "a success clears it");
  CHECK(chatwoot_identity_last_error_message(NULL, 0, &needed) == CHATWOOT_IDENTITY_BUFFER_TOO_SMALL && needed == 1,
        "an empty message is a NUL");
  char one[1] = {'X'};
  CHECK(chatwoot_identity_last_error_message(one, 1, NULL) == CHATWOOT_IDENTITY_OK && one[0] == 0, "needed may be NULL");

  /* Lookups do not touch it. */
  CHECK(chatwoot_identity_verify(S(SECRET), S(""), S(DOC_HASH), &(bool){false}) == CHATWOOT_IDENTITY_EMPTY_IDENTIFIER, "verify");
  (void)chatwoot_identity_status_message(CHATWOOT_IDENTITY_OK);
  (void)chatwoot_identity_finding_code(0);
  (void)chatwoot_identity_version();
  CHECK(strncmp(last_error(), "identifier must not be empty", 28) == 0, "lookups leave it: %s", last_error());
  CHECK(!strstr(last_error(), SECRET), "messages never hold a secret");
}

void test_statuses(void) {
  last_errors();
  one_off_statuses();
  signer_statuses();
  names_and_versions();
  integer_statuses();
}
