package secrets

import (
	"bytes"
	"encoding/base64"
	"regexp"
	"slices"
	"strings"

	"github.com/errdocs/errdocs/internal/lazyre"
)

// The table of secret kinds. Each kind is one pattern: formatSecrets are known by their own
// shape (a vendor's prefix), contextSecrets by where they stand (a header, a URL, a field name,
// an environment variable). The families follow gitleaks' default rules and GitHub's
// secret-scanning partners; the patterns are our own. engine/secrets_test.go runs one paste per kind
// through every output.

// secretPattern is one kind of secret. The secret is the first group of re that took part in
// the match, after the name group when there is one; keep says how many of its leading bytes
// may be shown (a key's public prefix).
type secretPattern struct {
	label string
	// anchors are lower-case strings one of which must occur in the text for the pattern to be
	// tried; they keep large pastes fast.
	anchors []string
	// back is how many bytes before an anchor (for a name pattern, before the name) a match
	// may start.
	back int
	// near, when set, lists bytes one of which must follow an anchor within 64 bytes for a
	// match to be possible (the "=" of key=value); it saves trying the pattern at all.
	near string
	// until, when set, is a lower-case marker the match may run to across lines (a PEM block's
	// "-----end"); without it a match ends at the line's end.
	until string
	re    func() *regexp.Regexp // compiled on first use (lazyre)
	// always says every value is a secret, never a placeholder or a masked one (unless it is
	// exactly "****"): a PEM key's body may hold "XXXX" or "...", or run into other text.
	always bool
	// valueOK, when set, must accept a value for it to count as a secret.
	valueOK func(string) bool
	// name, when set, is the group holding a header's, field's or variable's name, and nameOK
	// says whether that name holds a secret.
	name   int
	nameOK func(string) bool
	keep   func(secret string) int
	// rotate says a pasted secret of this kind should be rotated.
	rotate bool
}

func keepPrefix(n int) func(string) int { return func(string) int { return n } }

func keepNone(string) int { return 0 }

// keepThrough keeps everything through the last of the given separators in the first part of
// a key ("sk_live_", "whsec_").
func keepThrough(sep string) func(string) int {
	return func(s string) int {
		if i := strings.LastIndex(s[:min(len(s), 12)], sep); i >= 0 {
			return i + len(sep)
		}
		return 0
	}
}

// vendor is a format secret: a key known by its prefix. The pattern needs no word boundary
// before the prefix, so a key glued to other text is still found.
func vendor(label, prefix, body string, keep int, rotate bool) secretPattern {
	return secretPattern{label: label, anchors: []string{strings.ToLower(prefix)}, back: 0,
		re: lazyre.New(`(` + regexp.QuoteMeta(prefix) + body + `)`), keep: keepPrefix(keep), rotate: rotate}
}

// blockSecrets are tried first of all: a PEM private key's body is one secret, whatever other
// patterns would find inside it.
var blockSecrets = []secretPattern{
	// A PEM private key, across lines or with its newlines escaped inside a JSON string, to its
	// END line, the end of the string or the end of the paste. The BEGIN and END lines stay, so
	// the reader sees what kind of key was there.
	{label: "private key", anchors: []string{"-----begin"}, until: "-----end", rotate: true, always: true,
		re:   lazyre.New(`-----BEGIN[A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----((?:\\.|[^"\\])+?)(?:-----END[A-Z0-9 ]*-----|"|\\?\z)`),
		keep: keepNone},
}

// formatSecrets are other vendors' keys, known by their own format. They are tried before the
// catalog's formats, whose short prefixes ("sk_") they would otherwise lose to.
var formatSecrets = []secretPattern{
	{label: "Stripe-style live secret key", anchors: []string{"sk_live_"}, rotate: true,
		re: lazyre.New(`(sk_live_[A-Za-z0-9]{8,})`), keep: keepThrough("_")},
	{label: "Stripe-style restricted key", anchors: []string{"rk_live_"}, rotate: true,
		re: lazyre.New(`(rk_live_[A-Za-z0-9]{8,})`), keep: keepThrough("_")},
	{label: "Stripe-style test key", anchors: []string{"_test_"}, back: 3,
		re: lazyre.New(`\b((?:sk|rk|pk)_test_[A-Za-z0-9]{8,})`), keep: keepThrough("_")},
	{label: "Stripe-style publishable key", anchors: []string{"pk_live_"},
		re: lazyre.New(`(pk_live_[A-Za-z0-9]{8,})`), keep: keepThrough("_")},
	{label: "webhook signing secret", anchors: []string{"whsec_"}, rotate: true,
		re: lazyre.New(`(whsec_[A-Za-z0-9+/=_-]{6,})`), keep: keepPrefix(6)},
	vendor("GitHub personal access token", "ghp_", `[A-Za-z0-9]{20,}`, 4, true),
	vendor("GitHub OAuth token", "gho_", `[A-Za-z0-9]{20,}`, 4, true),
	{label: "GitHub app token", anchors: []string{"ghu_", "ghs_", "ghr_"}, rotate: true,
		re: lazyre.New(`(gh[usr]_[A-Za-z0-9]{20,})`), keep: keepPrefix(4)},
	vendor("GitHub fine-grained token", "github_pat_", `[A-Za-z0-9_]{22,}`, 11, true),
	{label: "GitLab token", anchors: []string{"glpat-", "gldt-", "glrt-", "glptt-", "glft-", "glsoat-", "gloas-", "glcbt-", "glimt-"}, rotate: true,
		re: lazyre.New(`((?:glpat|gldt|glrt|glptt|glft|glsoat|gloas|glcbt|glimt)-[A-Za-z0-9_-]{20,})`), keep: keepThrough("-")},
	{label: "Slack token", anchors: []string{"xoxb-", "xoxp-", "xoxa-", "xoxr-", "xoxs-", "xoxe-", "xoxo-", "xapp-"}, rotate: true,
		re: lazyre.New(`((?:xox[abposre](?:\.xox[a-z])?|xapp)-[A-Za-z0-9-]{10,})`), keep: keepPrefix(5)},
	{label: "Slack webhook URL", anchors: []string{"hooks.slack.com/"}, rotate: true,
		re: lazyre.New(`hooks\.slack\.com/(?:services|workflows|triggers)/([A-Za-z0-9/_-]{20,})`), keep: keepNone},
	{label: "Discord webhook URL", anchors: []string{"/api/webhooks/"}, back: 24, rotate: true,
		re: lazyre.New(`discord(?:app)?\.com/api/webhooks/[0-9]+/([A-Za-z0-9_-]{20,})`), keep: keepNone},
	{label: "AWS access key id", anchors: []string{"akia", "asia", "abia", "acca"}, rotate: true,
		re: lazyre.New(`((?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16})\b`), keep: keepPrefix(4)},
	{label: "AWS secret access key", anchors: []string{"secret_access_key", "secretaccesskey", "secret-access-key"}, back: 16, rotate: true,
		re: lazyre.New(`(?i)secret[_-]?access[_-]?key["']?\s*[:=]\s*["']?([A-Za-z0-9/+=]{40})`), keep: keepNone},
	vendor("Google API key", "AIza", `[0-9A-Za-z_-]{35}`, 4, true),
	vendor("Google OAuth access token", "ya29.", `[0-9A-Za-z_-]{20,}`, 5, true),
	vendor("Google OAuth client secret", "GOCSPX-", `[0-9A-Za-z_-]{20,}`, 7, true),
	{label: "SendGrid API key", anchors: []string{"sg."}, rotate: true,
		re: lazyre.New(`\b(SG\.[A-Za-z0-9_-]{16,32}\.[A-Za-z0-9_-]{30,64})`), keep: keepPrefix(3)},
	{label: "Twilio API key", anchors: []string{"sk"}, rotate: true,
		re: lazyre.New(`\b(SK[0-9a-f]{32})\b`), keep: keepPrefix(2)},
	vendor("npm token", "npm_", `[A-Za-z0-9]{36}`, 4, true),
	vendor("PyPI token", "pypi-AgE", `[A-Za-z0-9_-]{50,}`, 5, true),
	vendor("Anthropic API key", "sk-ant-", `[A-Za-z0-9_-]{20,}`, 7, true),
	{label: "OpenAI API key", anchors: []string{"sk-"}, rotate: true,
		re: lazyre.New(`\b(sk-(?:(?:proj|svcacct|admin|None)-)?[A-Za-z0-9_-]{20,})`), keep: keepThrough("-")},
	vendor("Hugging Face token", "hf_", `[A-Za-z0-9]{30,}`, 3, true),
	{label: "Shopify token", anchors: []string{"shpat_", "shpss_", "shpca_", "shppa_"}, rotate: true,
		re: lazyre.New(`(shp(?:at|ss|ca|pa)_[a-fA-F0-9]{32})`), keep: keepPrefix(6)},
	{label: "Mailgun API key", anchors: []string{"key-"}, rotate: true,
		re: lazyre.New(`\b(key-[0-9a-f]{32})\b`), keep: keepPrefix(4)},
	{label: "Mailchimp API key", anchors: []string{"-us"}, back: 32, rotate: true,
		re: lazyre.New(`\b([0-9a-f]{32}-us[0-9]{1,2})\b`), keep: keepNone},
	{label: "Square token", anchors: []string{"sq0atp-", "sq0csp-", "eaaa"}, rotate: true,
		re: lazyre.New(`((?:sq0atp-|sq0csp-|EAAA)[A-Za-z0-9_-]{22,})`), keep: keepPrefix(4)},
	vendor("Databricks token", "dapi", `[0-9a-f]{32}`, 4, true),
	{label: "DigitalOcean token", anchors: []string{"dop_v1_", "doo_v1_", "dor_v1_"}, rotate: true,
		re: lazyre.New(`(do[por]_v1_[a-f0-9]{64})`), keep: keepPrefix(7)},
	vendor("Atlassian API token", "ATATT3", `[A-Za-z0-9_=-]{100,}`, 6, true),
	vendor("Linear API key", "lin_api_", `[A-Za-z0-9]{40}`, 8, true),
	{label: "Notion token", anchors: []string{"ntn_", "secret_"}, rotate: true,
		re: lazyre.New(`\b((?:ntn_|secret_)[A-Za-z0-9]{40,})`), keep: keepThrough("_")},
	vendor("Supabase token", "sbp_", `[a-f0-9]{40}`, 4, true),
	{label: "Grafana token", anchors: []string{"glsa_", "glc_"}, rotate: true,
		re: lazyre.New(`((?:glsa|glc)_[A-Za-z0-9_=+/-]{30,})`), keep: keepThrough("_")},
	{label: "Sentry token", anchors: []string{"sntrys_", "sntryu_"}, rotate: true,
		re: lazyre.New(`(sntry[su]_[A-Za-z0-9_=+/-]{30,})`), keep: keepPrefix(7)},
	vendor("Doppler token", "dp.pt.", `[A-Za-z0-9]{40,}`, 6, true),
	vendor("Heroku API key", "HRKU-", `[A-Za-z0-9_-]{30,}`, 5, true),
	vendor("age secret key", "AGE-SECRET-KEY-1", `[0-9A-Z]{50,}`, 15, true),
	{label: "Telegram bot token", anchors: []string{":aa"}, back: 10, rotate: true,
		re: lazyre.New(`\b([0-9]{8,10}:AA[A-Za-z0-9_-]{33})`), keep: keepNone},
}

// contextSecrets are secrets known by where they stand (a header, a URL, a field name) rather
// than by their own format. They are tried after every format.
var contextSecrets = []secretPattern{
	// A JSON Web Token (or JWE) of any length; the header alone ("eyJ…") marks it.
	{label: "JSON Web Token", anchors: []string{"eyj"}, rotate: true,
		re: lazyre.New(`\b(eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*)?)`), keep: keepNone},
	{label: "password in a URL", anchors: []string{"://"}, back: 40, near: "@", rotate: true,
		re: lazyre.New(`[a-zA-Z][a-zA-Z0-9+.-]*://[^/\s:@"']*:([^@\s/"']+)@`), keep: keepNone},
	{label: "password in curl -u", anchors: []string{"-u", "--user"}, back: 2, near: ":", rotate: true,
		re: lazyre.New(`(?:^|\s)(?:-u|--user)[\s=]*['"]?[^:\s'"]+:([^\s'"]+)`), keep: keepNone},
	// Authorization and Proxy-Authorization, in any placement: a header line, curl -H, a JSON
	// or Python headers object, a JavaScript template literal, a key = value. The scheme
	// (Bearer, Basic, Token, …) stays.
	{label: "Authorization credentials", anchors: []string{"authorization"}, back: 2, rotate: true,
		re: lazyre.New(`(?i)\b(?:proxy-)?authorization["']?\s*[:=]\s*(?:\[\s*)?["'\x60]?(?:[A-Za-z][A-Za-z0-9_-]*\s+)?([^\s"',;\]\x60]+)`), keep: keepNone},
	// "Bearer xyz" and "token xyz" anywhere (a log line, a traceback).
	{label: "bearer token", anchors: []string{"bearer", "token"}, rotate: true, valueOK: tokenish,
		re: lazyre.New(`(?i)\b(?:bearer|token)\s+([A-Za-z0-9._~+/=-]{8,})`), keep: keepNone},
	{label: "Basic credentials", anchors: []string{"basic"}, rotate: true, valueOK: basicCredentials,
		re: lazyre.New(`(?i)\bbasic\s+([A-Za-z0-9+/]{8,}={0,2})`), keep: keepNone},
	// Cookie: every value. Set-Cookie: the cookie's own value, not its attributes.
	{label: "cookie", anchors: []string{"set-cookie"}, back: 2, rotate: true,
		re: lazyre.New(`(?i)\bset-cookie["']?\s*[:=]\s*["']?[^\s=;"']+=([^;"'\r\n]+)`), keep: keepNone},
	{label: "cookie", anchors: []string{"cookie"}, back: 2, rotate: true,
		re: lazyre.New(`(?i)\bcookie["']?\s*[:=]\s*["']?((?:[^\s=;"']+=[^;"'\r\n]*;?\s*)+)`), keep: keepNone},
	// A header whose name says it holds a secret: "X-Api-Key: …", "Stripe-Signature: …", as
	// sent, as curl -v prints it ("> X-Api-Key: …"), as curl -H takes it, or a YAML line.
	{label: "secret header", anchors: secretWords, back: 16, near: ":", rotate: true, name: 1, nameOK: Named,
		re: lazyre.New(`(?m)(?:^[ \t]*(?:[<>][ \t]*)?|(?:-H|--header)[ \t=]*["']?)([A-Za-z0-9_.-]+)[ \t]*:[ \t]*(?:[A-Za-z][A-Za-z0-9_-]*[ \t]+)?([^\s"']+)`), keep: keepNone},
	// A quoted name and a quoted value: JSON, JavaScript, Python, YAML, a curl -H.
	{label: "secret value", anchors: secretWords, back: 16, near: ":=", rotate: true, name: 1, nameOK: Named,
		// Also a Ruby hash's :name=>"…".
		re: lazyre.New(`["']?([A-Za-z0-9_.-]+)["']?\s*(?:=>|[:=])\s*(?:"((?:[^"\\\r\n]|\\.)+)"|'([^'\r\n]+)')`), keep: keepNone},
	// A JSON string escaped inside another (a log line's body), \"name\":\"…\": the pattern above
	// reads the outer string whole.
	{label: "secret value", anchors: secretWords, back: 16, near: ":", rotate: true, name: 1, nameOK: Named,
		re: lazyre.New(`\\"([A-Za-z0-9_.-]+)\\"\s*:\s*\\"((?:[^"\\\r\n]|\\[^"\r\n])+)\\"`), keep: keepNone},
	// name=value: a query string, a form body, an environment dump, a connection string, a
	// command-line flag.
	{label: "secret parameter", anchors: secretWords, back: 16, near: "=", rotate: true, name: 1, nameOK: Named,
		re: lazyre.New(`(?:^|[\s?&;,{("']|--)(?:export\s+)?([A-Za-z0-9_.-]+)=(?:"((?:[^"\\\r\n]|\\.)+)"|'([^'\r\n]+)'|([^\s&;"'#<>,)}]+))`), keep: keepNone},
}

// secretWords are the words a name holds when its value is a secret; they are the anchors of
// the name patterns.
var secretWords = []string{"key", "token", "secret", "auth", "sess", "sid", "sig", "cookie", "pass", "pwd", "credential", "jwt", "bearer", "private"}

// notSecretLast are a name's last words that make it describe a secret rather than hold one
// ("token_type", "key_count", "auth_url").
var notSecretLast = []string{
	"type", "count", "length", "len", "url", "uri", "endpoint", "expires", "expiry", "exp", "ttl",
	"at", "in", "name", "method", "required", "mode", "version", "scheme", "header", "format",
	"prefix", "hint", "field", "path", "param", "algorithm", "alg", "enabled", "kind", "provider",
	"label", "policy", "max", "min", "size", "limit", "strategy",
}

// notSecretNames are whole names that hold no secret although a word says otherwise.
var notSecretNames = []string{
	"idempotencykey", "xidempotencykey", "publickey", "publishablekey", "keyid", "sessionstart",
	"sortkey", "partitionkey", "primarykey", "foreignkey", "keys", "passed", "passes", "bypass",
	"passthrough", "author", "authors", "authority", "keyword", "keywords", "keyboard", "signup",
	"signin", "signed", "signature_version", "oauth",
}

// Named reports whether a header's, a field's or a variable's name says its value is a
// secret: its words (split at punctuation and case changes) hold "key", "token", "secret",
// "password", "session", a cookie's name and the like.
func Named(name string) bool {
	words := nameWords(name)
	if len(words) == 0 {
		return false
	}
	if slices.Contains(notSecretNames, strings.Join(words, "")) || slices.Contains(notSecretLast, words[len(words)-1]) {
		return false
	}
	for _, w := range words {
		switch w {
		case "key", "apikey", "token", "secret", "auth", "authorization", "session", "sessionid", "sess", "sid",
			"sig", "signature", "cookie", "password", "passwd", "pwd", "pass", "passphrase", "credential",
			"credentials", "jwt", "bearer", "privatekey", "accesskey", "secretkey", "apitoken", "accesstoken",
			"refreshtoken", "authtoken", "idtoken", "clientsecret", "csrftoken", "xsrftoken":
			return true
		}
		for _, end := range []string{"sessid", "sessionid", "token", "secret", "password", "apikey", "session"} {
			if strings.HasSuffix(w, end) && len(w) > len(end) {
				return true
			}
		}
	}
	return false
}

// nameWords splits a name into lower-case words at punctuation and at lower-to-upper case
// changes: "X-Api-Key" and "apiKey" give [x api key] and [api key].
func nameWords(name string) []string {
	var words []string
	start := -1
	for i := 0; i <= len(name); i++ {
		var c byte
		if i < len(name) {
			c = name[i]
		}
		alnum := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
		split := !alnum || start >= 0 && c >= 'A' && c <= 'Z' && name[i-1] >= 'a' && name[i-1] <= 'z'
		if split && start >= 0 {
			words = append(words, strings.ToLower(name[start:i]))
			start = -1
		}
		if alnum && start < 0 {
			start = i
		}
	}
	return words
}

// tokenish reports whether a word after "Bearer" or "token" looks like a credential rather than
// prose ("token required"): it is long, or holds a digit or a symbol.
// basicCredentials reports whether v, after "Basic ", can be credentials: anything but a plain
// word ("HTTP Basic credentials." in prose), unless that word decodes as base64 to a user:password
// pair (RFC 7617), as real credentials always do.
func basicCredentials(v string) bool {
	for i := 0; i < len(v); i++ {
		if c := v[i]; !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			return true
		}
	}
	b, err := base64.RawStdEncoding.DecodeString(strings.TrimRight(v, "="))
	return err == nil && bytes.IndexByte(b, ':') >= 0
}

func tokenish(v string) bool {
	if len(v) >= 16 {
		return true
	}
	for i := 0; i < len(v); i++ {
		if c := v[i]; !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			return true
		}
	}
	return false
}
