package chatwootidentity

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
)

type webhookContextKey struct{}

// WebhookFromContext is the VerifiedWebhook that Middleware put in the request's context
// (delivery id, age, replay key); ok is false outside Middleware.
func WebhookFromContext(ctx context.Context) (webhook VerifiedWebhook, ok bool) {
	webhook, ok = ctx.Value(webhookContextKey{}).(VerifiedWebhook)
	return webhook, ok
}

// Middleware verifies each request before next sees it: it reads the body (at most the
// verifier's WithMaxBodyBytes, 1 MiB by default), verifies it against the request's headers at
// the verifier's clock, and only then calls next, with r.Body holding exactly the verified
// bytes (decode them as the event) and WebhookFromContext(r.Context()) the VerifiedWebhook.
//
// A request that fails is answered, and next is not called: 401 with a JSON body
// {"error": code, "message": message} for a verification failure (code as Error.Code, the
// message the core's, which never holds the secret or the signature); 413 with code
// "body_too_large" for a body over the limit; 400 with "unreadable_body" when the body cannot
// be read. A verifier that is closed (or was not made by NewWebhookVerifier) is the server's
// fault, not the sender's: 500 with code "internal", and the request is not read.
func (v *WebhookVerifier) Middleware(next http.Handler) http.Handler {
	limit := v.config.maxBodyBytes
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if v.handle.Load() == nil {
			refuse(w, http.StatusInternalServerError, "internal", "the server cannot verify webhooks")
			return
		}
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
		if err != nil {
			var tooLarge *http.MaxBytesError
			if errors.As(err, &tooLarge) {
				refuse(w, http.StatusRequestEntityTooLarge, "body_too_large",
					fmt.Sprintf("the webhook body is larger than %d bytes", limit))
			} else {
				refuse(w, http.StatusBadRequest, "unreadable_body", "the webhook body could not be read")
			}
			return
		}
		webhook, err := v.VerifyHeaders(body, r.Header)
		if err != nil {
			var failure *Error
			if !errors.As(err, &failure) || errors.Is(err, ErrClosed) {
				// Closed while serving, or a failure of this library: never the sender's.
				refuse(w, http.StatusInternalServerError, "internal", "the server cannot verify webhooks")
				return
			}
			refuse(w, http.StatusUnauthorized, failure.Code(), err.Error())
			return
		}
		r = r.WithContext(context.WithValue(r.Context(), webhookContextKey{}, webhook))
		r.Body = io.NopCloser(bytes.NewReader(body))
		r.ContentLength = int64(len(body))
		next.ServeHTTP(w, r)
	})
}

func refuse(w http.ResponseWriter, status int, code, message string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]string{"error": code, "message": message})
}
