/* libchatwoot_identity against OpenSSL's HMAC in the same run; writes target/bench/c.json.
 * Usage: bench <output.json>. Best of several rounds, so bursts of other load do not decide. */
#define _POSIX_C_SOURCE 199309L
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "chatwoot_identity.h"

#define SECRET "your-secret-token-for-hmac"
#define ID "unique-identifier-of-the-user"
enum { ROUNDS = 7, ITERATIONS = 300000 };

static volatile char sink;

static double now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

static void to_hex(const unsigned char *digest, char *out) {
  static const char digits[] = "0123456789abcdef";
  for (int i = 0; i < 32; i++) {
    out[2 * i] = digits[digest[i] >> 4];
    out[2 * i + 1] = digits[digest[i] & 15];
  }
  out[64] = 0;
}

typedef void (*round_fn)(void *state);

static double best_ns(round_fn one, void *state) {
  double best = 1e30;
  for (int r = 0; r < ROUNDS; r++) {
    double start = now_ns();
    for (int i = 0; i < ITERATIONS; i++) one(state);
    double per = (now_ns() - start) / ITERATIONS;
    if (per < best) best = per;
  }
  return best;
}

static void ours_one_off(void *state) {
  (void)state;
  char out[CHATWOOT_IDENTITY_HASH_BUFFER_LEN];
  chatwoot_identity_identifier_hash((const uint8_t *)SECRET, strlen(SECRET), (const uint8_t *)ID, strlen(ID), out, sizeof out);
  sink = out[0];
}

static void openssl_one_off(void *state) {
  (void)state;
  unsigned char digest[32];
  unsigned int len = 0;
  char out[65];
  HMAC(EVP_sha256(), SECRET, (int)strlen(SECRET), (const unsigned char *)ID, strlen(ID), digest, &len);
  to_hex(digest, out);
  sink = out[0];
}

static void ours_signer(void *state) {
  char out[CHATWOOT_IDENTITY_HASH_BUFFER_LEN];
  chatwoot_identity_signer_identifier_hash(state, (const uint8_t *)ID, strlen(ID), out, sizeof out);
  sink = out[0];
}

/* The prepared OpenSSL way: a keyed EVP_MAC context re-initialised without a key per hash. */
static void openssl_prepared(void *state) {
  EVP_MAC_CTX *ctx = state;
  unsigned char digest[32];
  size_t len = 0;
  char out[65];
  EVP_MAC_init(ctx, NULL, 0, NULL);
  EVP_MAC_update(ctx, (const unsigned char *)ID, strlen(ID));
  EVP_MAC_final(ctx, digest, &len, sizeof digest);
  to_hex(digest, out);
  sink = out[0];
}

int main(int argc, char **argv) {
  if (argc != 2) return 2;
  chatwoot_identity_signer *signer = NULL;
  if (chatwoot_identity_signer_new((const uint8_t *)SECRET, strlen(SECRET), &signer) != CHATWOOT_IDENTITY_OK) return 1;
  EVP_MAC *mac = EVP_MAC_fetch(NULL, "HMAC", NULL);
  EVP_MAC_CTX *ctx = EVP_MAC_CTX_new(mac);
  OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, "SHA256", 0), OSSL_PARAM_construct_end()};
  if (!EVP_MAC_init(ctx, (const unsigned char *)SECRET, strlen(SECRET), params)) return 1;

  struct {
    const char *call, *competitor;
    double ours, theirs;
  } rows[] = {
      {"chatwoot_identity_identifier_hash", "OpenSSL HMAC() + hex", best_ns(ours_one_off, NULL), best_ns(openssl_one_off, NULL)},
      {"chatwoot_identity_signer_identifier_hash", "OpenSSL keyed EVP_MAC_CTX re-init + hex", best_ns(ours_signer, signer),
       best_ns(openssl_prepared, ctx)},
  };
  FILE *json = fopen(argv[1], "w");
  if (!json) return 1;
  printf("%-32s %9s  %-42s %9s  %5s\n", "call", "ours ns", "competitor", "theirs ns", "ratio");
  fprintf(json, "[\n");
  for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
    double ratio = rows[i].ours / rows[i].theirs;
    printf("%-32s %9.1f  %-42s %9.1f  %5.2f\n", rows[i].call, rows[i].ours, rows[i].competitor, rows[i].theirs, ratio);
    fprintf(json,
            "  {\"language\": \"c\", \"call\": \"%s\", \"ours_ns\": %.1f, \"competitor\": \"%s\", \"competitor_ns\": %.1f, "
            "\"ratio\": %.3f, \"target_ratio\": null, \"met\": null}%s\n",
            rows[i].call, rows[i].ours, rows[i].competitor, rows[i].theirs, ratio, i + 1 < sizeof rows / sizeof rows[0] ? "," : "");
  }
  fprintf(json, "]\n");
  fclose(json);
  EVP_MAC_CTX_free(ctx);
  EVP_MAC_free(mac);
  chatwoot_identity_signer_free(signer);
  return 0;
}
