package secrets

import "testing"

func TestSecretName(t *testing.T) {
	for name, want := range map[string]bool{
		"X-Api-Key": true, "apiKey": true, "AWS_SECRET_ACCESS_KEY": true, "password": true, "PHPSESSID": true,
		"JSESSIONID": true, "csrftoken": true, "connect.sid": true, "_myapp_session": true, "X-Hub-Signature-256": true,
		"token_type": false, "expires_in": false, "Idempotency-Key": false, "author": false, "auth_url": false,
		"public_key": false, "keyword": false, "Content-Type": false, "X-Request-Id": false,
	} {
		if got := Named(name); got != want {
			t.Errorf("Named(%q) = %v, want %v", name, got, want)
		}
	}
}
