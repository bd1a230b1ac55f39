/* tests/vectors/webhook.json through every webhook function, and their bad input. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "test_support.h"
#include "webhook_vectors.h"

#define COUNT(array) (sizeof(array) / sizeof((array)[0]))
#define S(text) (const uint8_t *)(text), strlen(text)

uint8_t *webhook_body(const tv_body *body, size_t *len) {
  if (body->bytes) {
    *len = body->len;
    uint8_t *copy = malloc(body->len + 1);
    memcpy(copy, body->bytes, body->len);
    return copy;
  }
  *len = body->prefix_len + body->unit_len * body->times + body->suffix_len;
  uint8_t *data = malloc(*len + 1), *at = data;
  memcpy(at, body->prefix, body->prefix_len);
  at += body->prefix_len;
  for (size_t i = 0; i < body->times; i++, at += body->unit_len) memcpy(at, body->unit, body->unit_len);
  memcpy(at, body->suffix, body->suffix_len);
  return data;
}

static bool untouched(const void *memory, size_t len) {
  const unsigned char *bytes = memory;
  for (size_t i = 0; i < len; i++)
    if (bytes[i] != 'X') return false;
  return true;
}

/* The status a vector's error code must come back as. */
static void expect(const char *description, const char *call, chatwoot_identity_status status,
                   const char *code) {
  const char *name = chatwoot_identity_status_code(status);
  if (!code) {
    CHECK(status == CHATWOOT_IDENTITY_OK, "%s: %s: status %u (%s): %s", description, call, (unsigned)status,
          name ? name : "-", last_error());
    return;
  }
  CHECK(name != NULL && strcmp(name, code) == 0, "%s: %s gave status %u (%s), want %s", description, call,
        (unsigned)status, name ? name : "no core code", code);
}

/* A verified webhook must carry the vector's values; a failed call must not write it. */
static void expect_result(const tv_webhook *v, const char *call, chatwoot_identity_status status,
                          const chatwoot_identity_verified_webhook *out, bool from_headers) {
  expect(v->description, call, status, v->error);
  if (v->error) {
    CHECK(untouched(out, sizeof *out), "%s: %s wrote its output on failure", v->description, call);
    CHECK(strlen(last_error()) > 20, "%s: %s: a sentence, not a code", v->description, call);
    CHECK(!v->secret_len || !strstr(last_error(), v->secret), "%s: the secret leaked", v->description);
    return;
  }
  if (status != CHATWOOT_IDENTITY_OK) return;
  CHECK(out->timestamp == v->timestamp_value && out->age == v->age, "%s: %s: timestamp %llu age %lld",
        v->description, call, (unsigned long long)out->timestamp, (long long)out->age);
  CHECK(strlen(out->replay_key) == 64, "%s: %s: replay key", v->description, call);
  const char *want = from_headers ? v->delivery_id : NULL;
  CHECK(out->has_delivery_id == (want != NULL) && strcmp(out->delivery_id, want ? want : "") == 0,
        "%s: %s: delivery id %d %s", v->description, call, out->has_delivery_id, out->delivery_id);
}

static void header_lengths(const tv_webhook *v, size_t *name_lens, size_t *value_lens) {
  for (size_t i = 0; i < v->header_count; i++) {
    name_lens[i] = strlen(v->header_names[i]);
    value_lens[i] = strlen(v->header_values[i]);
  }
}

static void webhook_vectors(void) {
  for (size_t i = 0; i < COUNT(TV_WEBHOOK); i++) {
    const tv_webhook *v = &TV_WEBHOOK[i];
    size_t body_len = 0;
    uint8_t *body = webhook_body(&v->body, &body_len);
    const uint8_t *secret = (const uint8_t *)v->secret;
    uint64_t tolerance = v->tolerance_kind == 1 ? v->tolerance : CHATWOOT_IDENTITY_WEBHOOK_DEFAULT_TOLERANCE;
    bool check_age = v->tolerance_kind != 2;
    size_t name_lens[8], value_lens[8];
    header_lengths(v, name_lens, value_lens);
    const uint8_t *const *names = (const uint8_t *const *)v->header_names;
    const uint8_t *const *values = (const uint8_t *const *)v->header_values;
    chatwoot_identity_verified_webhook out;

    memset(&out, 'X', sizeof out);
    expect_result(v, "verify_webhook_headers",
                  chatwoot_identity_verify_webhook_headers(secret, v->secret_len, body, body_len, names, name_lens,
                                                           values, value_lens, v->header_count, v->now,
                                                           tolerance, check_age, &out),
                  &out, true);
    if (v->has_values) {
      memset(&out, 'X', sizeof out);
      expect_result(v, "verify_webhook",
                    chatwoot_identity_verify_webhook(secret, v->secret_len, body, body_len, S(v->signature),
                                                     S(v->timestamp), v->now, tolerance, check_age, &out),
                    &out, false);
    }

    chatwoot_identity_webhook_verifier *verifier = NULL;
    chatwoot_identity_status status =
        chatwoot_identity_webhook_verifier_new(secret, v->secret_len, tolerance, check_age, &verifier);
    if (v->error && strcmp(v->error, "empty_secret") == 0) {
      expect(v->description, "verifier_new", status, v->error);
      CHECK(verifier == NULL, "%s: verifier written on failure", v->description);
    } else {
      expect(v->description, "verifier_new", status, NULL);
      memset(&out, 'X', sizeof out);
      expect_result(v, "verifier_verify_headers",
                    chatwoot_identity_webhook_verifier_verify_headers(verifier, body, body_len, names, name_lens,
                                                                      values, value_lens, v->header_count,
                                                                      v->now, &out),
                    &out, true);
      if (v->has_values) {
        memset(&out, 'X', sizeof out);
        expect_result(v, "verifier_verify",
                      chatwoot_identity_webhook_verifier_verify(verifier, body, body_len, S(v->signature),
                                                                S(v->timestamp), v->now, &out),
                      &out, false);
      }
    }
    chatwoot_identity_webhook_verifier_free(verifier);

    if (v->sign && v->has_values) { /* (the others are about the header list, not signing) */
      chatwoot_identity_signed_webhook signed_out;
      status = chatwoot_identity_sign_webhook(secret, v->secret_len, body, body_len, v->timestamp_value, &signed_out);
      expect(v->description, "sign_webhook", status, NULL);
      CHECK(strcmp(signed_out.signature, v->signature) == 0 && strcmp(signed_out.timestamp, v->timestamp) == 0,
            "%s: signed %s at %s", v->description, signed_out.signature, signed_out.timestamp);
      CHECK(strlen(signed_out.delivery_id) == 36 && signed_out.delivery_id[14] == '4', "%s: delivery id %s",
            v->description, signed_out.delivery_id);
    }
    free(body);
  }
}

/* The mask's set bits, in bit order, must name exactly the expected codes in order. */
static void expect_findings(const char *description, uint32_t findings, size_t count, const char *const *codes) {
  size_t found = 0;
  for (uint32_t bit = 0; bit < 32; bit++) {
    if (!(findings & (UINT32_C(1) << bit))) continue;
    const char *code = chatwoot_identity_webhook_finding_code(bit);
    const char *message = chatwoot_identity_webhook_finding_message(bit);
    CHECK(code && message && strlen(message) > 20, "%s: bit %u has no name", description, bit);
    CHECK(found < count && code && strcmp(code, codes[found]) == 0, "%s: finding %zu is %s", description,
          found, code ? code : "(null)");
    found++;
  }
  CHECK(found == count, "%s: %zu findings, want %zu", description, found, count);
}

static void diagnose_vectors(void) {
  for (size_t i = 0; i < COUNT(TV_WEBHOOK_DIAGNOSE); i++) {
    const tv_webhook_diagnose *v = &TV_WEBHOOK_DIAGNOSE[i];
    size_t body_len = 0;
    uint8_t *body = webhook_body(&v->body, &body_len);
    bool verified = !v->verified;
    uint32_t findings = 0xFFFFFFFFu;
    chatwoot_identity_status status = chatwoot_identity_diagnose_webhook(
        (const uint8_t *)v->secret, v->secret_len, body, body_len, S(v->signature), S(v->timestamp),
        (const uint8_t *)v->token, v->token_len, &verified, &findings);
    expect(v->description, "diagnose_webhook", status, NULL);
    CHECK(verified == v->verified, "%s: verified %d", v->description, verified);
    expect_findings(v->description, findings, v->finding_count, v->findings);

    /* The header-list form reads the same two values out of a request's headers. */
    const char *names[] = {"Content-Type", "x-chatwoot-signature", "X-CHATWOOT-TIMESTAMP"};
    const char *values[] = {"application/json", v->signature, v->timestamp};
    size_t name_lens[3], value_lens[3], count = 0;
    const char *present_names[3], *present_values[3];
    for (size_t h = 0; h < 3; h++) {
      if (!*values[h]) continue; /* "" stands for an absent header */
      present_names[count] = names[h];
      present_values[count] = values[h];
      name_lens[count] = strlen(names[h]);
      value_lens[count++] = strlen(values[h]);
    }
    verified = !v->verified;
    findings = 0xFFFFFFFFu;
    status = chatwoot_identity_diagnose_webhook_headers(
        (const uint8_t *)v->secret, v->secret_len, body, body_len, (const uint8_t *const *)present_names, name_lens,
        (const uint8_t *const *)present_values, value_lens, count, (const uint8_t *)v->token, v->token_len,
        &verified, &findings);
    expect(v->description, "diagnose_webhook_headers", status, NULL);
    CHECK(verified == v->verified, "%s: headers: verified %d", v->description, verified);
    expect_findings(v->description, findings, v->finding_count, v->findings);
    free(body);
  }
}

#define SECRET "distinctive-webhook-secret-Qx81"
#define BODY "{\"event\":\"message_created\"}"
#define NOW 1700000000ULL

/* NULL pointers, lengths, repeated headers: a status each, and nothing written. */
static void bad_input(void) {
  chatwoot_identity_signed_webhook sent;
  CHECK(chatwoot_identity_sign_webhook(S(SECRET), S(BODY), NOW, &sent) == CHATWOOT_IDENTITY_OK, "sign");
  chatwoot_identity_signed_webhook untouched_sign;
  memset(&untouched_sign, 'X', sizeof untouched_sign);
  CHECK(chatwoot_identity_sign_webhook(S(""), S(BODY), NOW, &untouched_sign) == CHATWOOT_IDENTITY_EMPTY_SECRET &&
            untouched(&untouched_sign, sizeof untouched_sign), "sign: empty secret writes nothing");
  CHECK(strstr(last_error(), "secret") != NULL, "sign: the message names the secret: %s", last_error());
  CHECK(chatwoot_identity_sign_webhook(S(SECRET), NULL, 4, NOW, &untouched_sign) == CHATWOOT_IDENTITY_NULL_ARGUMENT,
        "sign: NULL body with a length");
  CHECK(chatwoot_identity_sign_webhook(S(SECRET), S(BODY), NOW, NULL) == CHATWOOT_IDENTITY_NULL_ARGUMENT,
        "sign: NULL out");
  CHECK(chatwoot_identity_sign_webhook(S(SECRET), S(BODY), 1000000000000000000ull, &untouched_sign) ==
            CHATWOOT_IDENTITY_MALFORMED_TIMESTAMP,
        "sign: a timestamp of 19 digits, which no verifier reads");
  CHECK(untouched(&untouched_sign, sizeof untouched_sign), "sign: failures write nothing");

  chatwoot_identity_verified_webhook out;
  memset(&out, 'X', sizeof out);
  const uint64_t tol = CHATWOOT_IDENTITY_WEBHOOK_DEFAULT_TOLERANCE;
  CHECK(chatwoot_identity_verify_webhook(NULL, 3, S(BODY), S(sent.signature), S(sent.timestamp), NOW, tol, true,
                                         &out) == CHATWOOT_IDENTITY_NULL_ARGUMENT, "NULL secret with a length");
  CHECK(chatwoot_identity_verify_webhook(S(SECRET), NULL, 3, S(sent.signature), S(sent.timestamp), NOW, tol, true,
                                         &out) == CHATWOOT_IDENTITY_NULL_ARGUMENT, "NULL body with a length");
  CHECK(chatwoot_identity_verify_webhook(S(SECRET), S(BODY), NULL, 71, S(sent.timestamp), NOW, tol, true, &out) ==
            CHATWOOT_IDENTITY_NULL_ARGUMENT, "NULL signature with a length");
  CHECK(chatwoot_identity_verify_webhook(S(SECRET), S(BODY), S(sent.signature), NULL, 10, NOW, tol, true, &out) ==
            CHATWOOT_IDENTITY_NULL_ARGUMENT, "NULL timestamp with a length");
  CHECK(chatwoot_identity_verify_webhook(S(SECRET), S(BODY), NULL, 0, S(sent.timestamp), NOW, tol, true, &out) ==
            CHATWOOT_IDENTITY_MISSING_SIGNATURE, "NULL signature with length 0 is absent");
  CHECK(chatwoot_identity_verify_webhook(S(SECRET), S(BODY), S(sent.signature), NULL, 0, NOW, tol, true, &out) ==
            CHATWOOT_IDENTITY_MISSING_TIMESTAMP, "NULL timestamp with length 0 is absent");
  CHECK(chatwoot_identity_verify_webhook(S(SECRET), NULL, 0, S(sent.signature), S(sent.timestamp), NOW, tol, true,
                                         &out) == CHATWOOT_IDENTITY_SIGNATURE_MISMATCH, "NULL body with length 0 is empty");
  /* The signature without its last character: the length, not a NUL, ends an input. */
  CHECK(chatwoot_identity_verify_webhook(S(SECRET), S(BODY), (const uint8_t *)sent.signature, 70, S(sent.timestamp),
                                         NOW, tol, true, &out) == CHATWOOT_IDENTITY_MALFORMED_SIGNATURE,
        "a short signature length");
  CHECK(chatwoot_identity_verify_webhook(S(SECRET), (const uint8_t *)BODY, strlen(BODY) - 1, S(sent.signature),
                                         S(sent.timestamp), NOW, tol, true, &out) == CHATWOOT_IDENTITY_SIGNATURE_MISMATCH,
        "a short body length");
  CHECK(chatwoot_identity_verify_webhook(S(SECRET), S(BODY), S(sent.signature), S(sent.timestamp), NOW, tol, true,
                                         NULL) == CHATWOOT_IDENTITY_NULL_ARGUMENT, "NULL out");
  CHECK(chatwoot_identity_verify_webhook(S(SECRET), S(BODY), S(sent.signature), S(sent.timestamp), NOW + 301, tol,
                                         true, &out) == CHATWOOT_IDENTITY_STALE_TIMESTAMP, "301 seconds old");
  CHECK(strstr(last_error(), "301") != NULL && !strstr(last_error(), SECRET), "stale says how old: %s", last_error());
  CHECK(chatwoot_identity_verify_webhook(S(SECRET), S(BODY), S(sent.signature), S(sent.timestamp), NOW - 2, 1, true,
                                         &out) == CHATWOOT_IDENTITY_FUTURE_TIMESTAMP, "2 seconds ahead, tolerance 1");
  CHECK(chatwoot_identity_verify_webhook(S(SECRET), S(BODY), S(sent.signature), S(sent.timestamp), NOW + 1, 0, true,
                                         &out) == CHATWOOT_IDENTITY_STALE_TIMESTAMP, "tolerance 0: only that second");
  CHECK(untouched(&out, sizeof out), "verify: failures write nothing");
  CHECK(chatwoot_identity_verify_webhook(S(SECRET), S(BODY), S(sent.signature), S(sent.timestamp), NOW, 0, true,
                                         &out) == CHATWOOT_IDENTITY_OK && out.age == 0, "tolerance 0 at that second");
  CHECK(chatwoot_identity_verify_webhook(S(SECRET), S(BODY), S(sent.signature), S(sent.timestamp), NOW + 999999, 0,
                                         false, &out) == CHATWOOT_IDENTITY_OK && out.age == 999999,
        "check_age false: no age check");
  CHECK(strcmp(last_error(), "") == 0, "a success clears the last error");

  /* The header list: NULL arrays, NULL entries, repeated headers. */
  const char *names[] = {"X-Chatwoot-Signature", "X-Chatwoot-Timestamp", "X-Chatwoot-Delivery"};
  const char *values[] = {sent.signature, sent.timestamp, sent.delivery_id};
  size_t name_lens[] = {20, 20, 19}, value_lens[] = {71, strlen(sent.timestamp), 36};
  const uint8_t *const *n = (const uint8_t *const *)names, *const *v = (const uint8_t *const *)values;
  memset(&out, 'X', sizeof out);
  CHECK(chatwoot_identity_verify_webhook_headers(S(SECRET), S(BODY), NULL, name_lens, v, value_lens, 3, NOW, tol,
                                                 true, &out) == CHATWOOT_IDENTITY_NULL_ARGUMENT, "NULL names");
  CHECK(chatwoot_identity_verify_webhook_headers(S(SECRET), S(BODY), n, NULL, v, value_lens, 3, NOW, tol, true,
                                                 &out) == CHATWOOT_IDENTITY_NULL_ARGUMENT, "NULL name lengths");
  CHECK(chatwoot_identity_verify_webhook_headers(S(SECRET), S(BODY), n, name_lens, NULL, value_lens, 3, NOW, tol,
                                                 true, &out) == CHATWOOT_IDENTITY_NULL_ARGUMENT, "NULL values");
  CHECK(chatwoot_identity_verify_webhook_headers(S(SECRET), S(BODY), n, name_lens, v, NULL, 3, NOW, tol, true,
                                                 &out) == CHATWOOT_IDENTITY_NULL_ARGUMENT, "NULL value lengths");
  const char *holes[] = {sent.signature, NULL, sent.delivery_id};
  CHECK(chatwoot_identity_verify_webhook_headers(S(SECRET), S(BODY), n, name_lens, (const uint8_t *const *)holes,
                                                 value_lens, 3, NOW, tol, true, &out) ==
            CHATWOOT_IDENTITY_NULL_ARGUMENT, "a NULL value with a length");
  CHECK(chatwoot_identity_verify_webhook_headers(S(SECRET), S(BODY), NULL, NULL, NULL, NULL, 0, NOW, tol, true,
                                                 &out) == CHATWOOT_IDENTITY_MISSING_SIGNATURE, "no headers at all");
  const char *twice_names[] = {"X-Chatwoot-Signature", "X-Chatwoot-Timestamp", "x-chatwoot-signature"};
  const char *twice_values[] = {sent.signature, sent.timestamp, sent.signature};
  size_t twice_name_lens[] = {20, 20, 20}, twice_value_lens[] = {71, strlen(sent.timestamp), 71};
  CHECK(chatwoot_identity_verify_webhook_headers(S(SECRET), S(BODY), (const uint8_t *const *)twice_names, twice_name_lens,
                                                 (const uint8_t *const *)twice_values, twice_value_lens, 3, NOW, tol,
                                                 true, &out) == CHATWOOT_IDENTITY_MALFORMED_SIGNATURE,
        "the same signature twice is malformed");
  CHECK(strstr(last_error(), "more than once") != NULL, "repeated: %s", last_error());
  CHECK(untouched(&out, sizeof out), "verify_headers: failures write nothing");
  CHECK(chatwoot_identity_verify_webhook_headers(S(SECRET), S(BODY), n, name_lens, v, value_lens, 3, NOW + 5, tol,
                                                 true, &out) == CHATWOOT_IDENTITY_OK &&
            out.has_delivery_id && strcmp(out.delivery_id, sent.delivery_id) == 0 && out.age == 5 &&
            strcmp(out.replay_key, sent.signature + 7) == 0,
        "headers: verified with the delivery id and the replay key");

  /* A delivery id longer than the struct holds is left out; verification still succeeds. */
  char long_id[300];
  memset(long_id, 'd', sizeof long_id - 1);
  long_id[sizeof long_id - 1] = 0;
  const char *long_values[] = {sent.signature, sent.timestamp, long_id};
  size_t long_lens[] = {71, strlen(sent.timestamp), strlen(long_id)};
  CHECK(chatwoot_identity_verify_webhook_headers(S(SECRET), S(BODY), n, name_lens, (const uint8_t *const *)long_values,
                                                 long_lens, 3, NOW, tol, true, &out) == CHATWOOT_IDENTITY_OK &&
            !out.has_delivery_id && out.delivery_id[0] == 0, "an overlong delivery id is left out");

  /* The verifier: NULL handles, NULL out. */
  chatwoot_identity_webhook_verifier *verifier = NULL;
  CHECK(chatwoot_identity_webhook_verifier_new(S(SECRET), tol, true, NULL) == CHATWOOT_IDENTITY_NULL_ARGUMENT,
        "verifier_new: NULL out");
  CHECK(chatwoot_identity_webhook_verifier_new(NULL, 1, tol, true, &verifier) == CHATWOOT_IDENTITY_NULL_ARGUMENT &&
            !verifier, "verifier_new: NULL secret with a length");
  CHECK(chatwoot_identity_webhook_verifier_new(S(""), tol, true, &verifier) == CHATWOOT_IDENTITY_EMPTY_SECRET &&
            !verifier, "verifier_new: empty secret");
  memset(&out, 'X', sizeof out);
  CHECK(chatwoot_identity_webhook_verifier_verify(NULL, S(BODY), S(sent.signature), S(sent.timestamp), NOW, &out) ==
            CHATWOOT_IDENTITY_NULL_ARGUMENT, "verify: NULL verifier");
  CHECK(chatwoot_identity_webhook_verifier_verify_headers(NULL, S(BODY), n, name_lens, v, value_lens, 3, NOW, &out) ==
            CHATWOOT_IDENTITY_NULL_ARGUMENT, "verify_headers: NULL verifier");
  CHECK(untouched(&out, sizeof out), "verifier: failures write nothing");
  CHECK(chatwoot_identity_webhook_verifier_new(S(SECRET), 10, true, &verifier) == CHATWOOT_IDENTITY_OK, "verifier");
  CHECK(chatwoot_identity_webhook_verifier_verify(verifier, S(BODY), S(sent.signature), S(sent.timestamp), NOW + 11,
                                                  &out) == CHATWOOT_IDENTITY_STALE_TIMESTAMP, "its own tolerance");
  CHECK(chatwoot_identity_webhook_verifier_verify(verifier, S(BODY), S(sent.signature), S(sent.timestamp), NOW,
                                                  NULL) == CHATWOOT_IDENTITY_NULL_ARGUMENT, "verify: NULL out");
  chatwoot_identity_webhook_verifier_free(verifier);
  chatwoot_identity_webhook_verifier_free(NULL);

  /* Diagnose: NULL outputs, an empty secret, the optional token. */
  bool verified = true;
  uint32_t findings = 7;
  CHECK(chatwoot_identity_diagnose_webhook(S(""), S(BODY), S(sent.signature), S(sent.timestamp), NULL, 0, &verified,
                                           &findings) == CHATWOOT_IDENTITY_EMPTY_SECRET, "diagnose: empty secret");
  CHECK(chatwoot_identity_diagnose_webhook(S(SECRET), S(BODY), S(sent.signature), S(sent.timestamp), NULL, 5,
                                           &verified, &findings) == CHATWOOT_IDENTITY_NULL_ARGUMENT,
        "diagnose: NULL token with a length");
  CHECK(chatwoot_identity_diagnose_webhook(S(SECRET), S(BODY), S(sent.signature), S(sent.timestamp), NULL, 0, NULL,
                                           &findings) == CHATWOOT_IDENTITY_NULL_ARGUMENT, "diagnose: NULL verified");
  CHECK(chatwoot_identity_diagnose_webhook(S(SECRET), S(BODY), S(sent.signature), S(sent.timestamp), NULL, 0,
                                           &verified, NULL) == CHATWOOT_IDENTITY_NULL_ARGUMENT, "diagnose: NULL findings");
  CHECK(verified && findings == 7, "diagnose: failures write nothing");
  CHECK(chatwoot_identity_diagnose_webhook_headers(S(SECRET), S(BODY), NULL, NULL, NULL, NULL, 0, NULL, 0, &verified,
                                                   &findings) == CHATWOOT_IDENTITY_OK && !verified && findings == 3u,
        "diagnose_headers of no headers: both missing (%u)", findings);
  CHECK(chatwoot_identity_webhook_finding_code(chatwoot_identity_webhook_finding_count()) == NULL &&
            chatwoot_identity_webhook_finding_message(UINT32_MAX) == NULL, "lookups past the table are NULL");
  CHECK(strcmp(chatwoot_identity_webhook_finding_code(0), "missing_signature") == 0, "bit 0");
}

enum { THREADS = 8 };

typedef struct {
  const chatwoot_identity_webhook_verifier *verifier;
  const chatwoot_identity_signed_webhook *sent;
  unsigned iterations, failures;
} worker;

/* Every thread verifies through the one verifier, and fails on purpose now and then, reading
   back its own last error. */
static void *verify_many(void *arg) {
  worker *w = arg;
  const char *names[] = {"x-chatwoot-signature", "x-chatwoot-timestamp"};
  const char *values[] = {w->sent->signature, w->sent->timestamp};
  size_t name_lens[] = {20, 20}, value_lens[] = {71, strlen(w->sent->timestamp)};
  for (unsigned i = 0; i < w->iterations; i++) {
    chatwoot_identity_verified_webhook out;
    if (chatwoot_identity_webhook_verifier_verify(w->verifier, S(BODY), S(w->sent->signature),
                                                  S(w->sent->timestamp), NOW + i % 300, &out) != CHATWOOT_IDENTITY_OK ||
        out.age != (int64_t)(i % 300) ||
        chatwoot_identity_webhook_verifier_verify_headers(w->verifier, S(BODY), (const uint8_t *const *)names,
                                                          name_lens, (const uint8_t *const *)values, value_lens, 2,
                                                          NOW, &out) != CHATWOOT_IDENTITY_OK)
      w->failures++;
    if (i % 32 == 0) {
      char message[256];
      if (chatwoot_identity_webhook_verifier_verify(w->verifier, S(BODY), S(w->sent->signature),
                                                    S(w->sent->timestamp), NOW + 1000, &out) !=
              CHATWOOT_IDENTITY_STALE_TIMESTAMP ||
          chatwoot_identity_last_error_message(message, sizeof message, NULL) != CHATWOOT_IDENTITY_OK ||
          !strstr(message, "1000"))
        w->failures++;
    }
  }
  return NULL;
}

void test_webhook_threads(void) {
  const char *env = getenv("THREAD_ITERATIONS");
  /* Under valgrind (which sets THREAD_ITERATIONS) a quarter of the identity threads' count:
     each iteration here is three verifications. */
  unsigned iterations = env ? (unsigned)strtoul(env, NULL, 10) / 4 + 1 : 5000;
  chatwoot_identity_signed_webhook sent;
  chatwoot_identity_webhook_verifier *verifier = NULL;
  CHECK(chatwoot_identity_sign_webhook(S(SECRET), S(BODY), NOW, &sent) == CHATWOOT_IDENTITY_OK &&
            chatwoot_identity_webhook_verifier_new(S(SECRET), 300, true, &verifier) == CHATWOOT_IDENTITY_OK,
        "verifier");
  pthread_t threads[THREADS];
  worker workers[THREADS];
  for (unsigned t = 0; t < THREADS; t++) {
    workers[t] = (worker){verifier, &sent, iterations, 0};
    CHECK(pthread_create(&threads[t], NULL, verify_many, &workers[t]) == 0, "pthread_create");
  }
  unsigned failures = 0;
  for (unsigned t = 0; t < THREADS; t++) {
    pthread_join(threads[t], NULL);
    failures += workers[t].failures;
  }
  CHECK(failures == 0, "%u failures verifying through one shared verifier", failures);
  chatwoot_identity_webhook_verifier_free(verifier);
  printf("webhook threads: %u x %u verifications through one verifier\n", THREADS, iterations);
}

void test_webhooks(void) {
  CHECK(COUNT(TV_WEBHOOK) > 0 && COUNT(TV_WEBHOOK_DIAGNOSE) > 0, "webhook.json is empty");
  webhook_vectors();
  diagnose_vectors();
  bad_input();
  printf("webhook vectors: %zu verify, %zu diagnose\n", COUNT(TV_WEBHOOK), COUNT(TV_WEBHOOK_DIAGNOSE));
}
