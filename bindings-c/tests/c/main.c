/* Runs every C test suite; exits non-zero when a check failed. */
#include <stdlib.h>
#include <string.h>

#include "test_support.h"

unsigned long checks_run;
unsigned long checks_failed;

void materialize(const tv_value *value, materialized *out) {
  size_t written = 0;
  chatwoot_identity_status status = CHATWOOT_IDENTITY_OK;
  switch (value->kind) {
    case TV_BYTES:
      out->ptr = (const uint8_t *)value->bytes;
      out->len = value->len;
      return;
    case TV_I64:
      status = chatwoot_identity_integer_identifier_i64(value->i64, out->integer_text,
                                                        sizeof out->integer_text, &written);
      break;
    case TV_U64:
      status = chatwoot_identity_integer_identifier_u64(value->u64, out->integer_text,
                                                        sizeof out->integer_text, &written);
      break;
  }
  CHECK(status == CHATWOOT_IDENTITY_OK, "integer identifier: status %u", (unsigned)status);
  CHECK(written == strlen(out->integer_text), "integer identifier length %zu", written);
  out->ptr = (const uint8_t *)out->integer_text;
  out->len = written;
}

const char *last_error(void) {
  static char message[1024];
  size_t needed = 0;
  chatwoot_identity_status status = chatwoot_identity_last_error_message(message, sizeof message, &needed);
  CHECK(status == CHATWOOT_IDENTITY_OK && needed == strlen(message) + 1, "last error: status %u", (unsigned)status);
  return status == CHATWOOT_IDENTITY_OK ? message : "(does not fit)";
}

int main(void) {
  test_vectors();
  test_statuses();
  test_threads();
  test_parallel_batch();
  test_widget();
  test_webhooks();
  test_webhook_threads();
  test_testkit();
  printf("C tests: %lu checks, %lu failed\n", checks_run, checks_failed);
  return checks_failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
