package chatwootidentity

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// webhookValue is a webhook.json value: a vector value, or the repeat rule of the large bodies.
type webhookValue struct {
	value
	Repeat *struct {
		Prefix string `json:"prefix"`
		Unit   string `json:"unit"`
		Times  int    `json:"times"`
		Suffix string `json:"suffix"`
	} `json:"repeat"`
}

func (v webhookValue) bytes(t *testing.T) []byte {
	t.Helper()
	if r := v.Repeat; r != nil {
		return []byte(r.Prefix + strings.Repeat(r.Unit, r.Times) + r.Suffix)
	}
	return []byte(v.text(t))
}

type webhookVector struct {
	Description string          `json:"description"`
	Secret      webhookValue    `json:"secret"`
	Body        webhookValue    `json:"body"`
	Signature   *string         `json:"signature"`
	Timestamp   *string         `json:"timestamp"`
	Headers     [][2]string     `json:"headers"`
	Now         int64           `json:"now"`
	Tolerance   json.RawMessage `json:"tolerance"`
	Error       string          `json:"error"`
	Verified    *struct {
		Timestamp  int64   `json:"timestamp"`
		Age        int64   `json:"age"`
		DeliveryID *string `json:"delivery_id"`
	} `json:"verified"`
	Sign bool `json:"sign"`
}

type webhookDiagnoseVector struct {
	Description       string        `json:"description"`
	Secret            webhookValue  `json:"secret"`
	Body              webhookValue  `json:"body"`
	Signature         string        `json:"signature"`
	Timestamp         string        `json:"timestamp"`
	IdentityHMACToken *webhookValue `json:"identity_hmac_token"`
	Verified          bool          `json:"verified"`
	Findings          []string      `json:"findings"`
}

func loadWebhookVectors(t *testing.T) ([]webhookVector, []webhookDiagnoseVector) {
	t.Helper()
	var file struct {
		Vectors  []webhookVector         `json:"vectors"`
		Diagnose []webhookDiagnoseVector `json:"diagnose"`
	}
	loadJSON(t, "webhook", &file)
	if len(file.Vectors) == 0 || len(file.Diagnose) == 0 {
		t.Fatal("webhook.json has no vectors")
	}
	return file.Vectors, file.Diagnose
}

// header is the vector's list as an http.Header, names kept exactly as listed (Add would
// canonicalise them; the CGI form must reach the library as it is).
func (v webhookVector) header() http.Header {
	header := http.Header{}
	for _, pair := range v.Headers {
		header[pair[0]] = append(header[pair[0]], pair[1])
	}
	return header
}

func (v webhookVector) options(t *testing.T) []WebhookOption {
	t.Helper()
	options := []WebhookOption{WithNow(time.Unix(v.Now, 0))}
	switch string(v.Tolerance) {
	case "":
	case `"unchecked"`:
		options = append(options, WithoutAgeCheck())
	default:
		var seconds int64
		if err := json.Unmarshal(v.Tolerance, &seconds); err != nil {
			t.Fatal(err)
		}
		options = append(options, WithTolerance(time.Duration(seconds)*time.Second))
	}
	return options
}

func (v webhookVector) check(t *testing.T, call string, got VerifiedWebhook, err error, fromHeaders bool) {
	t.Helper()
	if v.Error != "" {
		var typed *Error
		if !errors.As(err, &typed) || typed.Code() != v.Error || !errors.Is(err, sentinel(v.Error)) {
			t.Errorf("%s: %s = %v, %v; want code %s", v.Description, call, got, err, v.Error)
		}
		if got != (VerifiedWebhook{}) {
			t.Errorf("%s: %s returned a webhook with its error", v.Description, call)
		}
		return
	}
	want := VerifiedWebhook{Timestamp: v.Verified.Timestamp, Age: v.Verified.Age, ReplayKey: got.ReplayKey}
	if fromHeaders && v.Verified.DeliveryID != nil {
		want.DeliveryID = *v.Verified.DeliveryID
	}
	if err != nil || got != want || len(got.ReplayKey) != 64 {
		t.Errorf("%s: %s = %#v, %v; want %#v", v.Description, call, got, err, want)
	}
}

func TestWebhookVectors(t *testing.T) {
	vectors, _ := loadWebhookVectors(t)
	for _, v := range vectors {
		secret, body, options := v.Secret.text(t), v.Body.bytes(t), v.options(t)
		got, err := VerifyWebhookHeaders(secret, body, v.header(), options...)
		v.check(t, "VerifyWebhookHeaders", got, err, true)
		if v.Signature != nil {
			got, err := VerifyWebhook(secret, body, *v.Signature, *v.Timestamp, options...)
			v.check(t, "VerifyWebhook", got, err, false)
		}
		verifier, err := NewWebhookVerifier(secret, options...)
		if v.Error == "empty_secret" {
			if !errors.Is(err, ErrEmptySecret) || verifier != nil {
				t.Errorf("%s: NewWebhookVerifier = %v, %v", v.Description, verifier, err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", v.Description, err)
		}
		got, err = verifier.VerifyHeaders(body, v.header())
		v.check(t, "WebhookVerifier.VerifyHeaders", got, err, true)
		if v.Signature != nil {
			got, err := verifier.Verify(body, *v.Signature, *v.Timestamp)
			v.check(t, "WebhookVerifier.Verify", got, err, false)
		}
		verifier.Close()
		if v.Sign && v.Signature != nil {
			signed, err := SignWebhook(secret, body, time.Unix(v.Verified.Timestamp, 0))
			if err != nil || signed.Signature != *v.Signature || signed.Timestamp != *v.Timestamp || len(signed.DeliveryID) != 36 {
				t.Errorf("%s: SignWebhook = %+v, %v", v.Description, signed, err)
			}
		}
	}
}

func TestWebhookDiagnoseVectors(t *testing.T) {
	_, vectors := loadWebhookVectors(t)
	for _, v := range vectors {
		token := ""
		if v.IdentityHMACToken != nil {
			token = v.IdentityHMACToken.text(t)
		}
		secret, body := v.Secret.text(t), v.Body.bytes(t)
		check := func(call string, got WebhookDiagnosis, err error) {
			t.Helper()
			codes := []string{}
			for _, f := range got.Findings {
				codes = append(codes, f.Code)
				if len(f.Message) < 20 || strings.Contains(f.Message, secret) {
					t.Errorf("%s: %s: message %q", v.Description, call, f.Message)
				}
			}
			if err != nil || got.Verified != v.Verified || strings.Join(codes, ",") != strings.Join(v.Findings, ",") {
				t.Errorf("%s: %s = %v %v, %v; want %v %v", v.Description, call, got.Verified, codes, err, v.Verified, v.Findings)
			}
		}
		got, err := DiagnoseWebhook(secret, body, v.Signature, v.Timestamp, token)
		check("DiagnoseWebhook", got, err)
		header := http.Header{"Content-Type": {"application/json"}}
		if v.Signature != "" {
			header.Set(SignatureHeader, v.Signature)
		}
		if v.Timestamp != "" {
			header.Set(TimestampHeader, v.Timestamp)
		}
		got, err = DiagnoseWebhookHeaders(secret, body, header, token)
		check("DiagnoseWebhookHeaders", got, err)
	}
}

const (
	webhookSecret = "Sx5GdKjW7rvbcaQ8JtUmHn2p"
	hmacToken     = "QrtMG8GydFgEy7bVzsLLmHoq"
)

var webhookBody = []byte(`{"event":"message_created","content":"\u003cb\u003ehi\u003c/b\u003e"}`)

func TestWebhookBadInput(t *testing.T) {
	now := time.Unix(1_700_000_000, 0)
	sent, err := SignWebhook(webhookSecret, webhookBody, now)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := SignWebhook("", webhookBody, now); !errors.Is(err, ErrEmptySecret) {
		t.Errorf("SignWebhook with no secret: %v", err)
	}
	if _, err := SignWebhook(webhookSecret, webhookBody, time.Unix(-1, 0)); err == nil || !strings.Contains(err.Error(), "timestamp") {
		t.Errorf("SignWebhook before 1970: %v", err)
	}
	at := WithNow(now)
	cases := []struct {
		name      string
		body      []byte
		signature string
		timestamp string
		options   []WebhookOption
		want      error
	}{
		{"nil body", nil, sent.Signature, sent.Timestamp, nil, ErrSignatureMismatch},
		{"no signature", webhookBody, "", sent.Timestamp, nil, ErrMissingSignature},
		{"no timestamp", webhookBody, sent.Signature, "", nil, ErrMissingTimestamp},
		{"uppercase hex", webhookBody, strings.ToUpper(sent.Signature), sent.Timestamp, nil, ErrMalformedSignature},
		{"a NUL in the signature", webhookBody, sent.Signature + "\x00", sent.Timestamp, nil, ErrMalformedSignature},
		{"milliseconds, the signature over seconds", webhookBody, sent.Signature, sent.Timestamp + "000", nil, ErrSignatureMismatch},
		{"a sign", webhookBody, sent.Signature, "+" + sent.Timestamp, nil, ErrMalformedTimestamp},
		{"a huge timestamp", webhookBody, sent.Signature, strings.Repeat("9", 4096), nil, ErrMalformedTimestamp},
		{"301 seconds late", webhookBody, sent.Signature, sent.Timestamp, []WebhookOption{WithNow(now.Add(301 * time.Second))}, ErrStaleTimestamp},
		{"2 seconds early, tolerance 1", webhookBody, sent.Signature, sent.Timestamp, []WebhookOption{WithNow(now.Add(-2 * time.Second)), WithTolerance(time.Second)}, ErrFutureTimestamp},
		{"tolerance 0, one second late", webhookBody, sent.Signature, sent.Timestamp, []WebhookOption{WithNow(now.Add(time.Second)), WithTolerance(0)}, ErrStaleTimestamp},
		{"a clock before 1970", webhookBody, sent.Signature, sent.Timestamp, []WebhookOption{WithNow(time.Unix(-5, 0))}, ErrFutureTimestamp},
	}
	for _, c := range cases {
		options := append([]WebhookOption{at}, c.options...)
		got, err := VerifyWebhook(webhookSecret, c.body, c.signature, c.timestamp, options...)
		if !errors.Is(err, c.want) || got != (VerifiedWebhook{}) {
			t.Errorf("%s: %v, %v; want %v", c.name, got, err, c.want)
		}
		if err != nil && strings.Contains(err.Error(), webhookSecret) {
			t.Errorf("%s: the secret leaked: %v", c.name, err)
		}
	}
	if _, err := VerifyWebhook(webhookSecret, webhookBody, sent.Signature, sent.Timestamp, WithNow(now.Add(1000*time.Hour)), WithoutAgeCheck()); err != nil {
		t.Errorf("WithoutAgeCheck: %v", err)
	}
	for name, option := range map[string]WebhookOption{
		"negative tolerance": WithTolerance(-time.Second),
		"nil clock":          WithClock(nil),
		"no body limit":      WithMaxBodyBytes(0),
	} {
		if _, err := VerifyWebhook(webhookSecret, webhookBody, sent.Signature, sent.Timestamp, option); err == nil {
			t.Errorf("%s: accepted", name)
		}
		if v, err := NewWebhookVerifier(webhookSecret, option); err == nil || v != nil {
			t.Errorf("NewWebhookVerifier with %s: accepted", name)
		}
	}
	// A signed header sent twice, under two spellings of its name.
	twice := sent.Headers()
	twice["x-chatwoot-signature"] = []string{sent.Signature}
	if _, err := VerifyWebhookHeaders(webhookSecret, webhookBody, twice, at); !errors.Is(err, ErrMalformedSignature) ||
		!strings.Contains(err.Error(), "more than once") {
		t.Errorf("repeated signature: %v", err)
	}
	if _, err := VerifyWebhookHeaders(webhookSecret, webhookBody, nil, at); !errors.Is(err, ErrMissingSignature) {
		t.Errorf("nil header: %v", err)
	}
	got, err := VerifyWebhookHeaders(webhookSecret, webhookBody, sent.Headers(), WithNow(now.Add(7*time.Second)))
	if err != nil || got.Age != 7 || got.DeliveryID != sent.DeliveryID || "sha256="+got.ReplayKey != sent.Signature {
		t.Errorf("headers: %#v, %v", got, err)
	}
	if text := fmt.Sprintf("%v %+v %#v %s", got, got, got, got); strings.Contains(text, got.ReplayKey) {
		t.Errorf("the replay key is printed: %s", text)
	}

	verifier, err := NewWebhookVerifier(webhookSecret, WithTolerance(10*time.Second), at)
	if err != nil {
		t.Fatal(err)
	}
	if text := fmt.Sprintf("%v %+v %#v %s", verifier, verifier, verifier, verifier); strings.Contains(text, webhookSecret) || !strings.Contains(text, "redacted") {
		t.Errorf("the verifier shows: %s", text)
	}
	verifier.Close()
	verifier.Close()
	if _, err := verifier.Verify(webhookBody, sent.Signature, sent.Timestamp); !errors.Is(err, ErrClosed) {
		t.Errorf("Verify after Close: %v", err)
	}
	if _, err := verifier.VerifyHeaders(webhookBody, sent.Headers()); !errors.Is(err, ErrClosed) {
		t.Errorf("VerifyHeaders after Close: %v", err)
	}
	if _, err := DiagnoseWebhook("", webhookBody, sent.Signature, sent.Timestamp, ""); !errors.Is(err, ErrEmptySecret) {
		t.Errorf("DiagnoseWebhook with no secret: %v", err)
	}
	diagnosis, err := DiagnoseWebhookHeaders(webhookSecret, webhookBody, nil, "")
	if err != nil || diagnosis.Verified || len(diagnosis.Findings) != 2 || diagnosis.Findings[0].Code != "missing_signature" {
		t.Errorf("DiagnoseWebhookHeaders of nothing: %+v, %v", diagnosis, err)
	}
}

// One verifier shared by many goroutines (run under -race), each failing on purpose now and
// then and getting its own error back.
func TestWebhookVerifierConcurrency(t *testing.T) {
	now := time.Unix(1_700_000_000, 0)
	verifier, err := NewWebhookVerifier(webhookSecret, WithNow(now))
	if err != nil {
		t.Fatal(err)
	}
	defer verifier.Close()
	var wg sync.WaitGroup
	var failures atomic.Int64
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 200; i++ {
				body := []byte(fmt.Sprintf(`{"goroutine":%d,"i":%d}`, g, i))
				sent, err := SignWebhook(webhookSecret, body, now.Add(-time.Duration(i)*time.Second))
				if err != nil {
					failures.Add(1)
					continue
				}
				got, err := verifier.VerifyHeaders(body, sent.Headers())
				if err != nil || got.Age != int64(i) || got.DeliveryID != sent.DeliveryID {
					failures.Add(1)
				}
				if _, err := verifier.Verify(append(body, ' '), sent.Signature, sent.Timestamp); !errors.Is(err, ErrSignatureMismatch) {
					failures.Add(1)
				}
			}
		}(g)
	}
	wg.Wait()
	if failures.Load() != 0 {
		t.Errorf("%d failures through one shared verifier", failures.Load())
	}
}

// The middleware in front of a handler that records what it was given.
type recordingHandler struct {
	mu     sync.Mutex
	calls  int
	bodies [][]byte
}

func (h *recordingHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	webhook, ok := WebhookFromContext(r.Context())
	h.mu.Lock()
	h.calls++
	h.bodies = append(h.bodies, body)
	h.mu.Unlock()
	var event struct {
		Event string `json:"event"`
	}
	if !ok || json.Unmarshal(body, &event) != nil || event.Event == "" {
		http.Error(w, "bad event", http.StatusInternalServerError)
		return
	}
	fmt.Fprintf(w, "verified %s %s", event.Event, webhook.DeliveryID)
}

// middlewareServer serves a recordingHandler behind the Middleware of a verifier made with
// options; both are closed when the test ends.
func middlewareServer(t *testing.T, options ...WebhookOption) (*recordingHandler, *httptest.Server) {
	t.Helper()
	verifier, err := NewWebhookVerifier(webhookSecret, options...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { verifier.Close() })
	handler := &recordingHandler{}
	server := httptest.NewServer(verifier.Middleware(handler))
	t.Cleanup(server.Close)
	return handler, server
}

func TestMiddlewareAnswers(t *testing.T) {
	now := time.Unix(1_700_000_000, 0)
	handler, server := middlewareServer(t, WithNow(now), WithMaxBodyBytes(64<<10))
	post := func(body []byte, header http.Header) (int, map[string]string, string) {
		request, _ := http.NewRequest(http.MethodPost, server.URL, bytes.NewReader(body))
		for name, values := range header {
			request.Header[name] = values
		}
		response, err := server.Client().Do(request)
		if err != nil {
			t.Fatal(err)
		}
		defer response.Body.Close()
		text, _ := io.ReadAll(response.Body)
		answer := map[string]string{}
		_ = json.Unmarshal(text, &answer)
		return response.StatusCode, answer, string(text)
	}
	sent, _ := SignWebhook(webhookSecret, webhookBody, now)
	status, _, text := post(webhookBody, sent.Headers())
	if status != 200 || text != "verified message_created "+sent.DeliveryID {
		t.Errorf("good: %d %s", status, text)
	}
	status, answer, _ := post(append([]byte{}, webhookBody[:len(webhookBody)-1]...), sent.Headers())
	if status != 401 || answer["error"] != "signature_mismatch" || answer["message"] == "" {
		t.Errorf("tampered: %d %v", status, answer)
	}
	big := bytes.Repeat([]byte("a"), 64<<10+1)
	bigSent, _ := SignWebhook(webhookSecret, big, now)
	if status, answer, _ := post(big, bigSent.Headers()); status != 413 || answer["error"] != "body_too_large" {
		t.Errorf("too large: %d %v", status, answer)
	}
	if handler.calls != 1 || !bytes.Equal(handler.bodies[0], webhookBody) {
		t.Errorf("the handler ran %d times, with %q", handler.calls, handler.bodies)
	}
}

// The Chatwoot-like sender (real Ruby, ActiveSupport's to_json, Net::HTTP) posts every mode to
// the middleware over loopback.
func TestMiddlewareWithChatwootSender(t *testing.T) {
	ruby, err := exec.LookPath("ruby")
	if err != nil {
		if os.Getenv("CHATWOOT_IDENTITY_REQUIRE_RUBY") != "" {
			t.Fatal("ruby is required (CHATWOOT_IDENTITY_REQUIRE_RUBY is set)")
		}
		t.Skip("ruby not installed: the Chatwoot-like sender cannot run")
	}
	handler, server := middlewareServer(t)

	expected := map[string]string{
		"good":               "200 verified message_created",
		"tampered_body":      "401 signature_mismatch",
		"tampered_timestamp": "401 signature_mismatch",
		"stale":              "401 stale_timestamp",
		"future":             "401 future_timestamp",
		"missing_signature":  "401 missing_signature",
		"missing_timestamp":  "401 missing_timestamp",
		"missing_headers":    "401 missing_signature",
		"wrong_secret":       "401 signature_mismatch",
		"identity_token":     "401 signature_mismatch",
	}
	modes := make([]string, 0, len(expected))
	for mode := range expected {
		modes = append(modes, mode)
	}
	sender := filepath.Join("..", "tests", "webhooks", "chatwoot_sender.rb")
	command := exec.Command(ruby, sender, server.URL+"/webhooks/chatwoot", "--secret", webhookSecret,
		"--hmac-token", hmacToken, "--mode", strings.Join(modes, ","))
	output, err := command.CombinedOutput()
	if err != nil {
		t.Fatalf("sender: %v\n%s", err, output)
	}
	seen := map[string]bool{}
	scanner := bufio.NewScanner(bytes.NewReader(output))
	for scanner.Scan() {
		fields := strings.SplitN(scanner.Text(), " ", 3)
		if len(fields) != 3 {
			t.Errorf("sender line %q", scanner.Text())
			continue
		}
		mode, status, body := fields[0], fields[1], fields[2]
		seen[mode] = true
		got := status + " "
		if status == "200" {
			got += strings.Join(strings.Fields(body)[:2], " ")
		} else {
			var answer map[string]string
			if err := json.Unmarshal([]byte(body), &answer); err != nil || answer["message"] == "" {
				t.Errorf("%s: not the JSON answer: %s", mode, body)
			}
			got += answer["error"]
			if strings.Contains(body, webhookSecret) {
				t.Errorf("%s: the secret leaked: %s", mode, body)
			}
		}
		if got != expected[mode] {
			t.Errorf("%s: got %q, want %q", mode, got, expected[mode])
		}
	}
	if len(seen) != len(expected) {
		t.Errorf("the sender reported %d modes of %d:\n%s", len(seen), len(expected), output)
	}
	// Only the good request reached the handler, with the bytes the sender signed.
	if handler.calls != 1 || !bytes.Contains(handler.bodies[0], []byte(`\u003c/script\u003e`)) {
		t.Errorf("the handler ran %d times: %q", handler.calls, handler.bodies)
	}
}

// A verifier closed under the middleware, or never made, is the server's fault: 500, not the
// 401 or 413 that would tell Chatwoot its request was wrong.
func TestMiddlewareOfAClosedOrZeroVerifierIsAServerError(t *testing.T) {
	now := time.Unix(1_700_000_000, 0)
	sent, _ := SignWebhook(webhookSecret, webhookBody, now)
	closed, err := NewWebhookVerifier(webhookSecret, WithNow(now))
	if err != nil {
		t.Fatal(err)
	}
	closed.Close()
	for name, verifier := range map[string]*WebhookVerifier{"closed": closed, "zero": {}} {
		called := false
		next := http.HandlerFunc(func(http.ResponseWriter, *http.Request) { called = true })
		recorder := httptest.NewRecorder()
		request := httptest.NewRequest(http.MethodPost, "/webhooks", bytes.NewReader(webhookBody))
		request.Header = sent.Headers()
		verifier.Middleware(next).ServeHTTP(recorder, request)
		answer := map[string]string{}
		_ = json.Unmarshal(recorder.Body.Bytes(), &answer)
		if recorder.Code != http.StatusInternalServerError || answer["error"] != "internal" || called {
			t.Errorf("%s: %d %v (next called: %v)", name, recorder.Code, answer, called)
		}
	}
}
