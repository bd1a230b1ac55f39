#define FFI_SCOPE "CHATWOOT_IDENTITY"
#define FFI_LIB "libchatwoot_identity.so"
/*
 * The declarations PHP's FFI uses: the functions of bindings-c/include/chatwoot_identity.h that
 * the PHP package calls, with byte inputs declared `const char *` (PHP passes its strings as char
 * pointers, not uint8_t; the ABI is the same) and `size_t *` inputs as `const void *` (a string
 * made by pack('Q*', ...)). The #define lines serve FFI::load (preloading); FFI::cdef gets the
 * rest. tests/FfiDeclarationsTest.php checks these against the real header.
 */
typedef uint32_t chatwoot_identity_status;
typedef struct chatwoot_identity_signer chatwoot_identity_signer;
chatwoot_identity_status chatwoot_identity_identifier_hash(const char *secret, size_t secret_len, const char *identifier, size_t identifier_len, char *out, size_t out_len);
chatwoot_identity_status chatwoot_identity_verify(const char *secret, size_t secret_len, const char *identifier, size_t identifier_len, const char *identifier_hash, size_t identifier_hash_len, bool *verified);
chatwoot_identity_status chatwoot_identity_diagnose(const char *secret, size_t secret_len, const char *identifier, size_t identifier_len, const char *identifier_hash, size_t identifier_hash_len, bool *verified, uint32_t *findings);
uint32_t chatwoot_identity_finding_count(void);
const char *chatwoot_identity_finding_code(uint32_t index);
const char *chatwoot_identity_finding_message(uint32_t index);
chatwoot_identity_status chatwoot_identity_integer_identifier_i64(int64_t value, char *out, size_t out_len, size_t *written);
chatwoot_identity_status chatwoot_identity_signer_new(const char *secret, size_t secret_len, chatwoot_identity_signer **out);
void chatwoot_identity_signer_free(chatwoot_identity_signer *signer);
chatwoot_identity_status chatwoot_identity_signer_identifier_hash(const chatwoot_identity_signer *signer, const char *identifier, size_t identifier_len, char *out, size_t out_len);
chatwoot_identity_status chatwoot_identity_signer_verify(const chatwoot_identity_signer *signer, const char *identifier, size_t identifier_len, const char *identifier_hash, size_t identifier_hash_len, bool *verified);
chatwoot_identity_status chatwoot_identity_signer_identifier_hashes(const chatwoot_identity_signer *signer, const char *data, size_t data_len, const void *lengths, size_t count, char *out, size_t out_len);
chatwoot_identity_status chatwoot_identity_widget_script(const chatwoot_identity_signer *signer, const char *request_json, size_t request_len, char *out, size_t out_len, size_t *needed);
chatwoot_identity_status chatwoot_identity_set_user_payload(const chatwoot_identity_signer *signer, const char *user_json, size_t user_len, char *out, size_t out_len, size_t *needed);
chatwoot_identity_status chatwoot_identity_reset_script(const char *nonce, size_t nonce_len, char *out, size_t out_len, size_t *needed);
chatwoot_identity_status chatwoot_identity_last_error_message(char *out, size_t out_len, size_t *needed);
bool chatwoot_identity_last_error_is_wrong_type(void);
const char *chatwoot_identity_status_message(uint32_t status);
const char *chatwoot_identity_status_code(uint32_t status);
const char *chatwoot_identity_version(void);
