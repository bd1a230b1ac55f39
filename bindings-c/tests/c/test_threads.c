/* Many threads hashing through one signer at once; every result checked. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "test_support.h"

enum { THREADS = 8 };

typedef struct {
  const chatwoot_identity_signer *signer;
  unsigned index;
  unsigned iterations;
  unsigned failures;
} worker;

static void *hash_many(void *arg) {
  worker *w = arg;
  static const uint8_t secret[] = "your-secret-token-for-hmac";
  for (unsigned i = 0; i < w->iterations; i++) {
    char id[48], shared[CHATWOOT_IDENTITY_HASH_BUFFER_LEN], alone[CHATWOOT_IDENTITY_HASH_BUFFER_LEN];
    int len = snprintf(id, sizeof id, "thread-%u-user-%u", w->index, i);
    bool verified = false;
    if (chatwoot_identity_signer_identifier_hash(w->signer, (const uint8_t *)id, (size_t)len, shared,
                                      sizeof shared) != CHATWOOT_IDENTITY_OK ||
        chatwoot_identity_identifier_hash(secret, sizeof secret - 1, (const uint8_t *)id, (size_t)len, alone,
                               sizeof alone) != CHATWOOT_IDENTITY_OK ||
        strcmp(shared, alone) != 0 ||
        chatwoot_identity_signer_verify(w->signer, (const uint8_t *)id, (size_t)len,
                                        (const uint8_t *)shared, 64, &verified) != CHATWOOT_IDENTITY_OK ||
        !verified)
      w->failures++;
    /* The last error is the thread's own: odd threads fail on the secret, even ones on the
       identifier, all at once, and each reads back its own message. */
    if (i % 64 == 0) {
      bool odd = w->index % 2;
      char message[256];
      chatwoot_identity_status status =
          chatwoot_identity_identifier_hash(secret, odd ? 0 : sizeof secret - 1, (const uint8_t *)id,
                                            odd ? (size_t)len : 0, shared, sizeof shared);
      const char *want = odd ? "secret must not be empty" : "identifier must not be empty";
      if (status != (odd ? CHATWOOT_IDENTITY_EMPTY_SECRET : CHATWOOT_IDENTITY_EMPTY_IDENTIFIER) ||
          chatwoot_identity_last_error_message(message, sizeof message, NULL) != CHATWOOT_IDENTITY_OK ||
          strncmp(message, want, strlen(want)) != 0)
        w->failures++;
    }
  }
  return NULL;
}

void test_threads(void) {
  /* Valgrind runs about 50 times slower: it sets a smaller count through the environment. */
  const char *env = getenv("THREAD_ITERATIONS");
  unsigned iterations = env ? (unsigned)strtoul(env, NULL, 10) : 20000;
  chatwoot_identity_signer *signer = NULL;
  CHECK(chatwoot_identity_signer_new((const uint8_t *)"your-secret-token-for-hmac", 26, &signer) ==
            CHATWOOT_IDENTITY_OK, "signer");
  pthread_t threads[THREADS];
  worker workers[THREADS];
  for (unsigned t = 0; t < THREADS; t++) {
    workers[t] = (worker){signer, t, iterations, 0};
    CHECK(pthread_create(&threads[t], NULL, hash_many, &workers[t]) == 0, "pthread_create");
  }
  unsigned failures = 0;
  for (unsigned t = 0; t < THREADS; t++) {
    pthread_join(threads[t], NULL);
    failures += workers[t].failures;
  }
  CHECK(failures == 0, "%u of %u shared-signer hashes differ", failures, THREADS * iterations);
  chatwoot_identity_signer_free(signer);
  printf("threads: %u x %u hashes through one signer\n", THREADS, iterations);
}

/* A batch big enough for the core to spread it over its thread pool, checked item by item. */
void test_parallel_batch(void) {
  enum { COUNT = 5000 };
  static char data[COUNT * 16];
  static size_t lengths[COUNT];
  static char hashes[COUNT * CHATWOOT_IDENTITY_HASH_LEN];
  size_t used = 0;
  for (unsigned i = 0; i < COUNT; i++) {
    lengths[i] = (size_t)snprintf(data + used, sizeof data - used, "user-%u", i);
    used += lengths[i];
  }
  chatwoot_identity_signer *signer = NULL;
  CHECK(chatwoot_identity_signer_new((const uint8_t *)"s3cret", 6, &signer) == CHATWOOT_IDENTITY_OK,
        "signer");
  CHECK(chatwoot_identity_signer_identifier_hashes(signer, (const uint8_t *)data, used, lengths, COUNT, hashes,
                                        sizeof hashes) == CHATWOOT_IDENTITY_OK, "batch");
  unsigned mismatches = 0;
  for (unsigned i = 0, offset = 0; i < COUNT; offset += (unsigned)lengths[i], i++) {
    char one[CHATWOOT_IDENTITY_HASH_BUFFER_LEN];
    if (chatwoot_identity_signer_identifier_hash(signer, (const uint8_t *)data + offset, lengths[i], one,
                                      sizeof one) != CHATWOOT_IDENTITY_OK ||
        memcmp(one, hashes + (size_t)i * CHATWOOT_IDENTITY_HASH_LEN, CHATWOOT_IDENTITY_HASH_LEN) != 0)
      mismatches++;
  }
  CHECK(mismatches == 0, "%u of %d batch hashes differ from single hashes", mismatches, COUNT);
  chatwoot_identity_signer_free(signer);
}
