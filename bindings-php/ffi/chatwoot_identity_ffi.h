#define FFI_SCOPE "CHATWOOT_IDENTITY"
#define FFI_LIB "libchatwoot_identity.so"
/*
 * The declarations PHP's FFI uses: the functions of bindings-c/include/chatwoot_identity.h that
 * the PHP package calls, with byte inputs declared `const char *` (PHP passes its strings as char
 * pointers, not uint8_t; the ABI is the same) and `size_t *` inputs as `const void *` (a string
 * made by pack('Q*', ...)); webhook header lists are `const char **` arrays into one buffer
 * the package fills. The structs' sizes are the header's CHATWOOT_IDENTITY_*_BUFFER_LEN. The #define lines serve FFI::load (preloading); FFI::cdef gets the
 * rest. tests/FfiDeclarationsTest.php checks these against the real header.
 */
typedef uint32_t chatwoot_identity_status;
typedef struct chatwoot_identity_signer chatwoot_identity_signer;
typedef struct chatwoot_identity_webhook_verifier chatwoot_identity_webhook_verifier;
typedef struct { uint64_t timestamp; int64_t age; bool has_delivery_id; char delivery_id[129]; char replay_key[65]; } chatwoot_identity_verified_webhook;
typedef struct { char signature[72]; char timestamp[21]; char delivery_id[37]; } chatwoot_identity_signed_webhook;
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
chatwoot_identity_status chatwoot_identity_verify_webhook(const char *secret, size_t secret_len, const char *body, size_t body_len, const char *signature, size_t signature_len, const char *timestamp, size_t timestamp_len, uint64_t now, uint64_t tolerance, bool check_age, chatwoot_identity_verified_webhook *out);
chatwoot_identity_status chatwoot_identity_verify_webhook_headers(const char *secret, size_t secret_len, const char *body, size_t body_len, const char **names, const void *name_lens, const char **values, const void *value_lens, size_t count, uint64_t now, uint64_t tolerance, bool check_age, chatwoot_identity_verified_webhook *out);
chatwoot_identity_status chatwoot_identity_webhook_verifier_new(const char *secret, size_t secret_len, uint64_t tolerance, bool check_age, chatwoot_identity_webhook_verifier **out);
void chatwoot_identity_webhook_verifier_free(chatwoot_identity_webhook_verifier *verifier);
chatwoot_identity_status chatwoot_identity_webhook_verifier_verify(const chatwoot_identity_webhook_verifier *verifier, const char *body, size_t body_len, const char *signature, size_t signature_len, const char *timestamp, size_t timestamp_len, uint64_t now, chatwoot_identity_verified_webhook *out);
chatwoot_identity_status chatwoot_identity_webhook_verifier_verify_headers(const chatwoot_identity_webhook_verifier *verifier, const char *body, size_t body_len, const char **names, const void *name_lens, const char **values, const void *value_lens, size_t count, uint64_t now, chatwoot_identity_verified_webhook *out);
chatwoot_identity_status chatwoot_identity_sign_webhook(const char *secret, size_t secret_len, const char *body, size_t body_len, uint64_t timestamp, chatwoot_identity_signed_webhook *out);
chatwoot_identity_status chatwoot_identity_diagnose_webhook(const char *secret, size_t secret_len, const char *body, size_t body_len, const char *signature, size_t signature_len, const char *timestamp, size_t timestamp_len, const char *identity_hmac_token, size_t identity_hmac_token_len, bool *verified, uint32_t *findings);
chatwoot_identity_status chatwoot_identity_diagnose_webhook_headers(const char *secret, size_t secret_len, const char *body, size_t body_len, const char **names, const void *name_lens, const char **values, const void *value_lens, size_t count, const char *identity_hmac_token, size_t identity_hmac_token_len, bool *verified, uint32_t *findings);
uint32_t chatwoot_identity_webhook_finding_count(void);
const char *chatwoot_identity_webhook_finding_code(uint32_t index);
const char *chatwoot_identity_webhook_finding_message(uint32_t index);
chatwoot_identity_status chatwoot_identity_check_page_identity(const char *html, size_t html_len, const char *secret, size_t secret_len, const char *identifier, size_t identifier_len, const char *fields_json, size_t fields_len, bool *passed, char *out, size_t out_len, size_t *needed);
chatwoot_identity_status chatwoot_identity_check_page_anonymous(const char *html, size_t html_len, bool *passed, char *out, size_t out_len, size_t *needed);
chatwoot_identity_status chatwoot_identity_check_payload_identity(const char *payload, size_t payload_len, const char *secret, size_t secret_len, const char *identifier, size_t identifier_len, const char *fields_json, size_t fields_len, bool *passed, char *out, size_t out_len, size_t *needed);
chatwoot_identity_status chatwoot_identity_read_page(const char *html, size_t html_len, char *out, size_t out_len, size_t *needed);
