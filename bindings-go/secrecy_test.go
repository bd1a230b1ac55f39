package chatwootidentity

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"
)

// A Secret passed anywhere a program shows values: fmt, log/slog's handlers, encoders.
func TestASecretIsRedactedWhereverItIsShown(t *testing.T) {
	const canary = "leak-canary-secret-7Hq2Zx9Pw"
	secret := Secret(canary)
	var logged bytes.Buffer
	slog.New(slog.NewJSONHandler(&logged, nil)).Info("config", "secret", secret)
	slog.New(slog.NewTextHandler(&logged, nil)).Info("config", "secret", secret)
	encoded, err := json.Marshal(map[string]any{"secret": secret, "nested": struct{ Key Secret }{secret}})
	if err != nil {
		t.Fatal(err)
	}
	shown := map[string]string{
		"fmt":      fmt.Sprintf("%v %+v %#v %s %q %x", secret, secret, secret, secret, secret, secret),
		"field":    fmt.Sprintf("%+v", struct{ Key Secret }{secret}),
		"slog":     logged.String(),
		"json":     string(encoded),
		"an error": fmt.Errorf("config %v", secret).Error(),
	}
	for where, text := range shown {
		if strings.Contains(text, canary) || !strings.Contains(text, "redacted") {
			t.Errorf("%s showed %q", where, text)
		}
	}
}

// The replay key is what a replay needs: slog leaves it out as String does.
func TestAVerifiedWebhookLogsWithoutItsReplayKey(t *testing.T) {
	now := time.Unix(1_700_000_000, 0)
	sent, err := SignWebhook(webhookSecret, webhookBody, now)
	if err != nil {
		t.Fatal(err)
	}
	verifier, err := NewWebhookVerifier(webhookSecret, WithNow(now))
	if err != nil {
		t.Fatal(err)
	}
	defer verifier.Close()
	webhook, err := verifier.Verify(webhookBody, sent.Signature, sent.Timestamp)
	if err != nil {
		t.Fatal(err)
	}
	var logged bytes.Buffer
	slog.New(slog.NewJSONHandler(&logged, nil)).Info("webhook", "webhook", webhook)
	if strings.Contains(logged.String(), webhook.ReplayKey) || !strings.Contains(logged.String(), `"timestamp":1700000000`) {
		t.Errorf("slog showed %s", logged.String())
	}
}

// A closed verifier says which object was closed; errors.Is still matches ErrClosed.
func TestAClosedWebhookVerifierNamesItself(t *testing.T) {
	verifier, err := NewWebhookVerifier(webhookSecret)
	if err != nil {
		t.Fatal(err)
	}
	verifier.Close()
	for _, zero := range []*WebhookVerifier{verifier, {}} {
		_, err = zero.Verify(webhookBody, "", "")
		if !errors.Is(err, ErrClosed) || !strings.Contains(err.Error(), "WebhookVerifier") {
			t.Errorf("got %v", err)
		}
	}
}
