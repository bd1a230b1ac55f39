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

#endif
