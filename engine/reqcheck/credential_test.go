package reqcheck

import (
	"strings"
	"testing"

	"github.com/errdocs/errdocs/catalog"
	"github.com/errdocs/errdocs/internal/testkit"
)

// TestKeyPlaceholder checks the one rule the key checks use: placeholderKind, except that a
// masked key that keeps one of the API's prefixes is a key of that kind.
func TestKeyPlaceholder(t *testing.T) {
	puck, plunk := testkit.ShippedAPI(t, "puck"), testkit.ShippedAPI(t, "plunk")
	for _, tc := range []struct {
		name string
		api  *catalog.API
		key  string
		want string
	}{
		{"masked Puck live key", puck, "pck_live_****c450", ""},
		{"masked Plunk secret key", plunk, "sk_****2c3d", ""},
		{"masked, no prefix kept", puck, "****c450", "masked"},
		{"masked, another API's prefix", puck, "pk_****6071", "masked"},
		{"masked, no API", nil, "pck_live_****c450", "masked"},
		{"unset", puck, "undefined", "unset"},
		{"empty", puck, "", "unset"},
		{"shell variable", puck, "$TOKEN", "variable"},
		{"braced variable", plunk, "${PLUNK_KEY}", "variable"},
		{"JavaScript variable", plunk, "${process.env.PLUNK_SECRET_KEY}", "variable"},
		{"docs placeholder", plunk, "<YOUR_API_KEY>", "template"},
		{"placeholder with a prefix", plunk, "sk_YOUR_SECRET_KEY", "template"},
		{"elided key", plunk, "sk_…", "template"},
		{"real key", puck, "pck_live_8f2a7e22562b45d49bc9428f77ddc450", ""},
		{"key of no known kind", puck, "hunter2", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := KeyPlaceholder(tc.api, tc.key); got != tc.want {
				t.Errorf("KeyPlaceholder(%q) = %q, want %q", tc.key, got, tc.want)
			}
		})
	}
}

// TestMaskedKeyKindChecked: the request checks judge a masked key's kind: a secret key on
// POST /v1/track is the wrong kind even masked, and a masked public key there passes.
func TestMaskedKeyKindChecked(t *testing.T) {
	for _, tc := range []struct {
		name, paste, wantCheck string
	}{
		{"masked secret key on track", "curl https://next-api.useplunk.com/v1/track -H 'Authorization: Bearer sk_****2c3d' --json '{\"event\":\"signup\",\"email\":\"ada@example.com\"}'", ckAuthWrongKey},
		{"masked public key on track", "curl https://next-api.useplunk.com/v1/track -H 'Authorization: Bearer pk_****6071' --json '{\"event\":\"signup\",\"email\":\"ada@example.com\"}'", CheckOK},
		{"masked live key on Puck", "curl https://api.puck.security/v1/investigations -H 'Authorization: Bearer pck_live_****c450'", CheckOK},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rc := checkPaste(t, tc.paste)
			if rc.Predicted == nil || rc.Predicted.Check != tc.wantCheck {
				t.Fatalf("predicted %+v, want check %q", rc.Predicted, tc.wantCheck)
			}
			for _, p := range rc.Problems {
				if strings.Contains(p.Message, "masked") || strings.Contains(p.Message, "placeholder") {
					t.Errorf("a masked key with a known prefix is reported as such: %s", p.Message)
				}
			}
		})
	}
}

// TestRequestPlaceholder checks what the request checks say of a placeholder key in a request
// pasted alone, kind by kind.
func TestRequestPlaceholder(t *testing.T) {
	const body = ` --json '{"to":"ada@example.com","from":"billing@example.com","subject":"Hi","body":"Hello"}'`
	for _, tc := range []struct {
		name, header string
		sev, message string
		check        string
	}{
		{"unset", "Authorization: Bearer null", "error", "The key is `null`: the variable meant to hold it was not set, so no key reaches Plunk and it gets a 401", ckAuthWrongKey},
		{"shell variable", "Authorization: Bearer $PLUNK_SECRET_KEY", "info", "The key is the variable `$PLUNK_SECRET_KEY`, so errdocs cannot check it. Make sure it is set where the request is made: if it is not, the header goes out as `Bearer ` with nothing after it", CheckOK},
		{"docs placeholder", "Authorization: Bearer <YOUR_API_KEY>", "warning", "The key is `<YOUR_API_KEY>`, the placeholder from the docs", CheckOK},
		{"masked, no prefix", "Authorization: Bearer ****2c3d", "info", "The key is masked (`****2c3d`), so errdocs cannot check it.", CheckOK},
		{"empty", "Authorization: Bearer ", "error", "The Authorization header has Bearer and no key after it: the variable meant to hold the key was most likely empty or unset.", ckAuthMalformed},
	} {
		t.Run(tc.name, func(t *testing.T) {
			paste := "curl https://next-api.useplunk.com/v1/send -H '" + tc.header + "'" + body
			rc := checkPaste(t, paste)
			var found *Problem
			for i, p := range rc.Problems {
				if p.Check == ckAuthWrongKey || p.Check == ckAuthMalformed {
					found = &rc.Problems[i]
				}
			}
			if found == nil || found.Severity != tc.sev || !strings.HasPrefix(found.Message, tc.message) {
				t.Errorf("problems %+v\nwant %s %q", rc.Problems, tc.sev, tc.message)
			}
			if rc.Predicted == nil || rc.Predicted.Check != tc.check {
				t.Errorf("predicted %+v, want check %q", rc.Predicted, tc.check)
			}
		})
	}
}

func TestPlaceholderKind(t *testing.T) {
	for _, tc := range []struct{ v, want string }{
		{"undefined", "unset"}, {"null", "unset"}, {"None", "unset"}, {"", "unset"},
		{"$TOKEN", "variable"}, {"${PLUNK_KEY}", "variable"}, {"%API_KEY%", "variable"}, {"process.env.KEY", "variable"},
		{"<YOUR_API_KEY>", "template"}, {"{key}", "template"}, {"YOUR_API_KEY", "template"}, {"sk_…", "template"},
		{"AKIAIOSFODNN7EXAMPLE", "template"}, {"pck_live_****c450", "masked"},
		{"pck_live_8f2a7e22562b45d49bc9428f77ddc450", ""}, {"hunter2", ""}, {"ABC123XYZ", ""},
		// A whole header value, as a log quotes it, is judged by its key.
		{"Bearer None", "unset"}, {"'Bearer ${PLUNK_KEY}'", "variable"}, {"token <YOUR_TOKEN>", "template"},
		{"Bearer pck_live_8f2a7e22562b45d49bc9428f77ddc450", ""}, {"token required", ""},
	} {
		if got := PlaceholderKind(tc.v); got != tc.want {
			t.Errorf("PlaceholderKind(%q) = %q, want %q", tc.v, got, tc.want)
		}
	}
}
