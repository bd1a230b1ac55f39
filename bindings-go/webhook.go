package chatwootidentity

// #include <chatwoot_identity.h>
import "C"

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"runtime"
	"sync/atomic"
	"time"
	"unsafe"
)

// DefaultWebhookTolerance is how far a webhook's timestamp may be from now, either way, unless
// WithTolerance says otherwise: five minutes, as Chatwoot advises.
const DefaultWebhookTolerance = C.CHATWOOT_IDENTITY_WEBHOOK_DEFAULT_TOLERANCE * time.Second

// The three headers Chatwoot sends with a signed webhook.
const (
	SignatureHeader = "X-Chatwoot-Signature"
	TimestampHeader = "X-Chatwoot-Timestamp"
	DeliveryHeader  = "X-Chatwoot-Delivery"
)

// VerifiedWebhook is a webhook that passed verification: Chatwoot signed this body at
// Timestamp, within the tolerance of now.
type VerifiedWebhook struct {
	// Timestamp is when Chatwoot signed the request, in Unix seconds.
	Timestamp int64
	// Age is now - Timestamp in seconds; negative when the timestamp is ahead (within the
	// tolerance).
	Age int64
	// DeliveryID is X-Chatwoot-Delivery ("" when absent; only the header forms read it). It
	// is not signed: key "process each delivery once" on it, never replay defence.
	DeliveryID string
	// ReplayKey is the key to remember this request by against replays (the signature's 64
	// hex characters, unique per timestamp and body): refuse a key seen within twice the
	// tolerance. Keep it out of logs: it is what a replay needs.
	ReplayKey string
}

// String leaves ReplayKey out, so that logging a VerifiedWebhook never logs it.
func (w VerifiedWebhook) String() string {
	return fmt.Sprintf("VerifiedWebhook{Timestamp: %d, Age: %d, DeliveryID: %q, ReplayKey: <redacted>}", w.Timestamp, w.Age, w.DeliveryID)
}

// GoString is String, for %#v.
func (w VerifiedWebhook) GoString() string { return w.String() }

// LogValue leaves ReplayKey out of log/slog's output, as String does for fmt. (An explicit
// json.Marshal keeps it, for a job queue that checks replays.)
func (w VerifiedWebhook) LogValue() slog.Value {
	return slog.GroupValue(slog.Int64("timestamp", w.Timestamp), slog.Int64("age", w.Age),
		slog.String("delivery_id", w.DeliveryID), slog.String("replay_key", redacted))
}

// SignedWebhook holds the headers Chatwoot would send with a body, from SignWebhook.
type SignedWebhook struct {
	Signature  string // X-Chatwoot-Signature: "sha256=" and 64 lowercase hex characters
	Timestamp  string // X-Chatwoot-Timestamp: Unix seconds in decimal
	DeliveryID string // X-Chatwoot-Delivery: a random UUID; not signed
}

// Headers are the three headers to send, for an http.Request in a test.
func (s SignedWebhook) Headers() http.Header {
	return http.Header{
		TimestampHeader: {s.Timestamp},
		SignatureHeader: {s.Signature},
		DeliveryHeader:  {s.DeliveryID},
	}
}

// WebhookDiagnosis is what DiagnoseWebhook found out about a signature.
type WebhookDiagnosis struct {
	// Verified reports whether the signature verifies (the age aside).
	Verified bool
	// Findings lists every known mistake that explains the signature, in the core's order.
	Findings []Finding
}

// WebhookOption configures VerifyWebhook, VerifyWebhookHeaders and NewWebhookVerifier.
type WebhookOption func(*webhookConfig) error

type webhookConfig struct {
	tolerance    uint64
	checkAge     bool
	clock        func() time.Time
	maxBodyBytes int64
}

// DefaultMaxWebhookBodyBytes is the largest body the middleware reads: 1 MiB. Chatwoot's
// webhook bodies are a few kilobytes, and the body is read before anything proves who sent it,
// so the limit is what an anonymous client can make the server buffer per request.
const DefaultMaxWebhookBodyBytes = 1 << 20

// WithTolerance sets the largest |now - timestamp| accepted, in whole seconds (a fraction is
// dropped); 0 accepts only the current second. The default is DefaultWebhookTolerance.
func WithTolerance(tolerance time.Duration) WebhookOption {
	return func(c *webhookConfig) error {
		if tolerance < 0 {
			return fmt.Errorf("chatwootidentity: tolerance must not be negative, got %v", tolerance)
		}
		c.tolerance, c.checkAge = uint64(tolerance/time.Second), true
		return nil
	}
}

// WithoutAgeCheck turns the age check off: only the signature is verified, and a captured
// request verifies forever. Use it only to check stored requests.
func WithoutAgeCheck() WebhookOption {
	return func(c *webhookConfig) error {
		c.checkAge = false
		return nil
	}
}

// WithClock sets where "now" comes from (default time.Now), for tests.
func WithClock(clock func() time.Time) WebhookOption {
	return func(c *webhookConfig) error {
		if clock == nil {
			return errors.New("chatwootidentity: clock must not be nil")
		}
		c.clock = clock
		return nil
	}
}

// WithNow fixes "now", for tests and for checking a stored request at the time it arrived.
func WithNow(now time.Time) WebhookOption {
	return WithClock(func() time.Time { return now })
}

// WithMaxBodyBytes sets the largest body Middleware reads (default DefaultMaxWebhookBodyBytes);
// a longer one is answered 413 without calling the handler.
func WithMaxBodyBytes(limit int64) WebhookOption {
	return func(c *webhookConfig) error {
		if limit <= 0 {
			return fmt.Errorf("chatwootidentity: max body bytes must be positive, got %d", limit)
		}
		c.maxBodyBytes = limit
		return nil
	}
}

func newWebhookConfig(options []WebhookOption) (webhookConfig, error) {
	config := webhookConfig{
		tolerance:    C.CHATWOOT_IDENTITY_WEBHOOK_DEFAULT_TOLERANCE,
		checkAge:     true,
		clock:        time.Now,
		maxBodyBytes: DefaultMaxWebhookBodyBytes,
	}
	for _, option := range options {
		if option == nil {
			continue
		}
		if err := option(&config); err != nil {
			return config, err
		}
	}
	return config, nil
}

// now is the Unix time to verify at; the C library takes unsigned seconds.
func (c *webhookConfig) now() C.uint64_t {
	seconds := c.clock().Unix()
	if seconds < 0 {
		return 0
	}
	return C.uint64_t(seconds)
}

// cBody lends a body to C without copying it.
func cBody(body []byte) (*C.uint8_t, C.size_t) {
	if len(body) == 0 {
		return nil, 0
	}
	return (*C.uint8_t)(unsafe.Pointer(&body[0])), C.size_t(len(body))
}

// cHeaders is an http.Header lent to C as the library's parallel arrays of (pointer, length),
// the strings pinned instead of copied until release. Go's canonical keys are passed as they
// are: the library matches names ignoring case.
type cHeaders struct {
	pinner              runtime.Pinner
	names, values       **C.uint8_t // NULL when there is no header
	nameLens, valueLens *C.size_t
	count               C.size_t
}

func lendHeaders(header http.Header) *cHeaders {
	h := &cHeaders{}
	var names, values []*C.uint8_t
	var nameLens, valueLens []C.size_t
	for name, all := range header {
		for _, value := range all {
			names = append(names, h.pin(name))
			nameLens = append(nameLens, C.size_t(len(name)))
			values = append(values, h.pin(value))
			valueLens = append(valueLens, C.size_t(len(value)))
		}
	}
	if len(names) > 0 {
		h.names, h.nameLens, h.values, h.valueLens = &names[0], &nameLens[0], &values[0], &valueLens[0]
		h.count = C.size_t(len(names))
	}
	return h
}

func (h *cHeaders) pin(s string) *C.uint8_t {
	if len(s) == 0 {
		return nil
	}
	data := unsafe.StringData(s)
	h.pinner.Pin(data)
	return (*C.uint8_t)(unsafe.Pointer(data))
}

func (h *cHeaders) release() { h.pinner.Unpin() }

// verified runs call, one of the library's four verify functions, which writes to out. The
// goroutine stays on its thread until check has read the message the call left there.
func verified(call func(out *C.chatwoot_identity_verified_webhook) C.chatwoot_identity_status) (VerifiedWebhook, error) {
	var out C.chatwoot_identity_verified_webhook
	runtime.LockOSThread()
	err := check(call(&out))
	runtime.UnlockOSThread()
	if err != nil {
		return VerifiedWebhook{}, err
	}
	webhook := VerifiedWebhook{
		Timestamp: int64(out.timestamp),
		Age:       int64(out.age),
		ReplayKey: C.GoString(&out.replay_key[0]),
	}
	if out.has_delivery_id {
		webhook.DeliveryID = C.GoString(&out.delivery_id[0])
	}
	return webhook, nil
}

// VerifyWebhook verifies one webhook from its raw body (exactly as received: before any JSON
// parsing) and the values of X-Chatwoot-Signature and X-Chatwoot-Timestamp ("" for an absent
// one), at the clock's time with the default tolerance unless options say otherwise. For a
// stream of webhooks keep a WebhookVerifier. The body is read in place, never copied.
//
// Errors: ErrEmptySecret, ErrMissingSignature, ErrMalformedSignature, ErrMissingTimestamp,
// ErrMalformedTimestamp, ErrSignatureMismatch, ErrStaleTimestamp, ErrFutureTimestamp.
func VerifyWebhook(secret string, body []byte, signature, timestamp string, options ...WebhookOption) (VerifiedWebhook, error) {
	config, err := newWebhookConfig(options)
	if err != nil {
		return VerifiedWebhook{}, err
	}
	secretPtr, secretLen := cBytes(secret)
	bodyPtr, bodyLen := cBody(body)
	sigPtr, sigLen := cBytes(signature)
	tsPtr, tsLen := cBytes(timestamp)
	return verified(func(out *C.chatwoot_identity_verified_webhook) C.chatwoot_identity_status {
		return C.chatwoot_identity_verify_webhook(secretPtr, secretLen, bodyPtr, bodyLen, sigPtr, sigLen, tsPtr, tsLen,
			config.now(), C.uint64_t(config.tolerance), C.bool(config.checkAge), out)
	})
}

// VerifyWebhookHeaders is VerifyWebhook reading the request's headers (r.Header): the library
// picks out the Chatwoot headers; a signed header sent twice is malformed. The result carries
// X-Chatwoot-Delivery.
func VerifyWebhookHeaders(secret string, body []byte, header http.Header, options ...WebhookOption) (VerifiedWebhook, error) {
	config, err := newWebhookConfig(options)
	if err != nil {
		return VerifiedWebhook{}, err
	}
	secretPtr, secretLen := cBytes(secret)
	bodyPtr, bodyLen := cBody(body)
	h := lendHeaders(header)
	defer h.release()
	return verified(func(out *C.chatwoot_identity_verified_webhook) C.chatwoot_identity_status {
		return C.chatwoot_identity_verify_webhook_headers(secretPtr, secretLen, bodyPtr, bodyLen, h.names, h.nameLens, h.values,
			h.valueLens, h.count, config.now(), C.uint64_t(config.tolerance), C.bool(config.checkAge), out)
	})
}

// SignWebhook signs body as Chatwoot would at timestamp, for tests of a receiver: the three
// headers, with a random delivery id.
//
// Errors: ErrEmptySecret.
func SignWebhook(secret string, body []byte, timestamp time.Time) (SignedWebhook, error) {
	seconds := timestamp.Unix()
	if seconds < 0 {
		return SignedWebhook{}, fmt.Errorf("chatwootidentity: timestamp must not be before 1970, got %v", timestamp)
	}
	secretPtr, secretLen := cBytes(secret)
	bodyPtr, bodyLen := cBody(body)
	var out C.chatwoot_identity_signed_webhook
	runtime.LockOSThread()
	err := check(C.chatwoot_identity_sign_webhook(secretPtr, secretLen, bodyPtr, bodyLen, C.uint64_t(seconds), &out))
	runtime.UnlockOSThread()
	if err != nil {
		return SignedWebhook{}, err
	}
	return SignedWebhook{
		Signature:  C.GoString(&out.signature[0]),
		Timestamp:  C.GoString(&out.timestamp[0]),
		DeliveryID: C.GoString(&out.delivery_id[0]),
	}, nil
}

// webhookFindings holds the library's webhook catalogue, indexed by bit position.
var webhookFindings = findingTable(C.chatwoot_identity_webhook_finding_count(),
	func(i C.uint32_t) *C.char { return C.chatwoot_identity_webhook_finding_code(i) },
	func(i C.uint32_t) *C.char { return C.chatwoot_identity_webhook_finding_message(i) })

func webhookDiagnosis(verified C.bool, mask C.uint32_t) WebhookDiagnosis {
	return WebhookDiagnosis{Verified: bool(verified), Findings: maskFindings(webhookFindings, mask)}
}

// DiagnoseWebhook explains why a webhook's signature does or does not verify with secret: it
// recomputes the signature the way each known mistake would (the body signed alone, a parsed
// and re-serialized body, uppercase hex, the sha256= prefix missing or doubled, milliseconds,
// the inbox's identity hmac_token as the key when identityHMACToken is not "", a trailing
// newline on the secret) and names every one that reproduces it. Each costs one HMAC over the
// body: run it when debugging, not on every request from the internet.
//
// Errors: ErrEmptySecret.
func DiagnoseWebhook(secret string, body []byte, signature, timestamp, identityHMACToken string) (WebhookDiagnosis, error) {
	secretPtr, secretLen := cBytes(secret)
	bodyPtr, bodyLen := cBody(body)
	sigPtr, sigLen := cBytes(signature)
	tsPtr, tsLen := cBytes(timestamp)
	tokenPtr, tokenLen := cBytes(identityHMACToken)
	if identityHMACToken == "" {
		tokenPtr = nil
	}
	var verified C.bool
	var mask C.uint32_t
	runtime.LockOSThread()
	err := check(C.chatwoot_identity_diagnose_webhook(secretPtr, secretLen, bodyPtr, bodyLen, sigPtr, sigLen, tsPtr, tsLen,
		tokenPtr, tokenLen, &verified, &mask))
	runtime.UnlockOSThread()
	if err != nil {
		return WebhookDiagnosis{}, err
	}
	return webhookDiagnosis(verified, mask), nil
}

// DiagnoseWebhookHeaders is DiagnoseWebhook reading the request's headers.
func DiagnoseWebhookHeaders(secret string, body []byte, header http.Header, identityHMACToken string) (WebhookDiagnosis, error) {
	secretPtr, secretLen := cBytes(secret)
	bodyPtr, bodyLen := cBody(body)
	tokenPtr, tokenLen := cBytes(identityHMACToken)
	if identityHMACToken == "" {
		tokenPtr = nil
	}
	h := lendHeaders(header)
	defer h.release()
	var verified C.bool
	var mask C.uint32_t
	runtime.LockOSThread()
	err := check(C.chatwoot_identity_diagnose_webhook_headers(secretPtr, secretLen, bodyPtr, bodyLen, h.names, h.nameLens,
		h.values, h.valueLens, h.count, tokenPtr, tokenLen, &verified, &mask))
	runtime.UnlockOSThread()
	if err != nil {
		return WebhookDiagnosis{}, err
	}
	return webhookDiagnosis(verified, mask), nil
}

// WebhookVerifier is a webhook secret prepared once (Chatwoot: the webhook's, agent bot's or
// API inbox's secret, not the inbox's identity hmac_token), with its tolerance and clock. It is
// safe for concurrent use; share one per webhook. Close wipes the prepared key at once (a
// finalizer frees it otherwise); Close must not race with calls still in flight.
type WebhookVerifier struct {
	handle atomic.Pointer[verifierHandle]
	config webhookConfig
}

// verifierHandle boxes the C pointer (see handle.go).
type verifierHandle struct {
	ptr *C.chatwoot_identity_webhook_verifier
}

// NewWebhookVerifier prepares secret. Options: WithTolerance, WithoutAgeCheck, WithClock,
// WithNow, WithMaxBodyBytes (for Middleware).
//
// Errors: ErrEmptySecret.
func NewWebhookVerifier(secret string, options ...WebhookOption) (*WebhookVerifier, error) {
	config, err := newWebhookConfig(options)
	if err != nil {
		return nil, err
	}
	secretPtr, secretLen := cBytes(secret)
	var handle *C.chatwoot_identity_webhook_verifier
	runtime.LockOSThread()
	err = check(C.chatwoot_identity_webhook_verifier_new(secretPtr, secretLen, C.uint64_t(config.tolerance), C.bool(config.checkAge), &handle))
	runtime.UnlockOSThread()
	if err != nil {
		return nil, err
	}
	verifier := &WebhookVerifier{config: config}
	return own(verifier, &verifier.handle, &verifierHandle{ptr: handle}, (*WebhookVerifier).Close), nil
}

// Close frees the prepared key and wipes it. Later calls return ErrClosed; closing twice is
// harmless.
func (v *WebhookVerifier) Close() error {
	free := func(h *verifierHandle) { C.chatwoot_identity_webhook_verifier_free(h.ptr) }
	return release(v, &v.handle, free)
}

// String never shows the secret.
func (v *WebhookVerifier) String() string {
	if !v.config.checkAge {
		return "WebhookVerifier{secret: <redacted>, age check: off}"
	}
	return fmt.Sprintf("WebhookVerifier{secret: <redacted>, tolerance: %ds}", v.config.tolerance)
}

// GoString is String, for %#v.
func (v *WebhookVerifier) GoString() string { return v.String() }

// Verify is VerifyWebhook with the prepared secret, at the verifier's clock.
//
// Errors: as VerifyWebhook, and ErrClosed.
func (v *WebhookVerifier) Verify(body []byte, signature, timestamp string) (VerifiedWebhook, error) {
	handle := v.handle.Load()
	if handle == nil {
		return VerifiedWebhook{}, errVerifierClosed
	}
	bodyPtr, bodyLen := cBody(body)
	sigPtr, sigLen := cBytes(signature)
	tsPtr, tsLen := cBytes(timestamp)
	// The finalizer must not free the handle while C still uses it.
	defer runtime.KeepAlive(v)
	return verified(func(out *C.chatwoot_identity_verified_webhook) C.chatwoot_identity_status {
		return C.chatwoot_identity_webhook_verifier_verify(handle.ptr, bodyPtr, bodyLen, sigPtr, sigLen, tsPtr, tsLen, v.config.now(), out)
	})
}

// VerifyHeaders is VerifyWebhookHeaders with the prepared secret, at the verifier's clock.
//
// Errors: as VerifyWebhook, and ErrClosed.
func (v *WebhookVerifier) VerifyHeaders(body []byte, header http.Header) (VerifiedWebhook, error) {
	handle := v.handle.Load()
	if handle == nil {
		return VerifiedWebhook{}, errVerifierClosed
	}
	bodyPtr, bodyLen := cBody(body)
	h := lendHeaders(header)
	defer h.release()
	defer runtime.KeepAlive(v)
	return verified(func(out *C.chatwoot_identity_verified_webhook) C.chatwoot_identity_status {
		return C.chatwoot_identity_webhook_verifier_verify_headers(handle.ptr, bodyPtr, bodyLen, h.names, h.nameLens, h.values,
			h.valueLens, h.count, v.config.now(), out)
	})
}
