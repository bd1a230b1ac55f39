/* Shared by the C tests: vector types, the check macro and value materialisation. */
#ifndef TEST_SUPPORT_H
#define TEST_SUPPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "chatwoot_identity.h"

typedef enum { TV_BYTES, TV_I64, TV_U64 } tv_kind;

/* One vector value: bytes, or an integer the library turns into identifier text. */
typedef struct {
  tv_kind kind;
  const char *bytes;
  size_t len;
  int64_t i64;
  uint64_t u64;
} tv_value;

typedef struct {
  const char *description;
  tv_value secret, identifier;
  const char *identifier_hash;
} tv_hash;

typedef struct {
  const char *description;
  tv_value secret, identifier, candidate;
  bool verified;
} tv_verify;

typedef struct {
  const char *description;
  tv_value secret, identifier;
  const char *error;
} tv_error;

typedef struct {
  const char *description;
  tv_value secret, identifier, candidate;
  bool verified;
  size_t finding_count;
  const char *findings[8];
} tv_diagnose;

/* A widget.json vector: the request and its user as JSON text; a bad one names its error. */
typedef struct {
  const char *description;
  const char *secret; /* NULL: no secret */
  const char *request_json;
  const char *user_json; /* NULL: no user */
  const char *error_code; /* NULL: the request is good */
  const char *error_path; /* NULL: the message has no path */
  bool wrong_type;
  const char *identifier_hash; /* a good request's user's hash, or NULL */
} tv_widget;

/* A webhook body: bytes, or prefix + unit * times + suffix (the large bodies), which
   webhook_body() expands. */
typedef struct {
  const char *bytes;
  size_t len;
  const char *prefix;
  size_t prefix_len;
  const char *unit;
  size_t unit_len;
  size_t times;
  const char *suffix;
  size_t suffix_len;
} tv_body;

/* A webhook.json vector; tolerance_kind 0 is the default, 1 `tolerance` seconds, 2 unchecked. */
typedef struct {
  const char *description;
  const char *secret;
  size_t secret_len;
  tv_body body;
  bool has_values; /* signature and timestamp are given: the two-value form applies */
  const char *signature, *timestamp;
  size_t header_count;
  const char *header_names[8], *header_values[8];
  uint64_t now;
  int tolerance_kind;
  uint64_t tolerance;
  const char *error; /* NULL: it verifies */
  uint64_t timestamp_value;
  int64_t age;
  const char *delivery_id; /* NULL: none */
  bool sign;
} tv_webhook;

typedef struct {
  const char *description;
  const char *secret;
  size_t secret_len;
  tv_body body;
  const char *signature, *timestamp;
  const char *token; /* NULL: no identity hmac_token */
  size_t token_len;
  bool verified;
  size_t finding_count;
  const char *findings[8];
} tv_webhook_diagnose;

/* The body's bytes in a new buffer (free it), its length in *len. */
uint8_t *webhook_body(const tv_body *body, size_t *len);

/* A value as the (ptr, len) the ABI takes; integers are rendered by the library. */
typedef struct {
  const uint8_t *ptr;
  size_t len;
  char integer_text[CHATWOOT_IDENTITY_INTEGER_BUFFER_LEN];
} materialized;

void materialize(const tv_value *value, materialized *out);

/* The calling thread's last error message (chatwoot_identity_last_error_message), in a static
   buffer, or "(does not fit)". */
const char *last_error(void);

extern unsigned long checks_run;
extern unsigned long checks_failed;

#define CHECK(cond, ...)                                                   \
  do {                                                                     \
    checks_run++;                                                          \
    if (!(cond)) {                                                         \
      checks_failed++;                                                     \
      fprintf(stderr, "FAIL %s:%d: %s: ", __FILE__, __LINE__, #cond);      \
      fprintf(stderr, __VA_ARGS__);                                        \
      fputc('\n', stderr);                                                 \
    }                                                                      \
  } while (0)

void test_vectors(void);
void test_statuses(void);
void test_threads(void);
void test_parallel_batch(void);
void test_widget(void);
void test_webhooks(void);
void test_webhook_threads(void);
void test_testkit(void);

#endif
