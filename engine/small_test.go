package engine

import "testing"

func TestSplitURL(t *testing.T) {
	for _, tc := range []struct{ raw, host, path string }{
		{"https://next-api.useplunk.com/v1/track?x=1", "next-api.useplunk.com", "/v1/track"},
		{"https://user:pw@API.Puck.Security:8443/v1/findings#frag", "api.puck.security", "/v1/findings"},
		{"http://[::1]:8080/", "::1", "/"},
		{"https://example.com", "example.com", ""},
		{"/relative/path", "", ""},
	} {
		t.Run(tc.raw, func(t *testing.T) {
			if h, p := splitURL(tc.raw); h != tc.host || p != tc.path {
				t.Errorf("splitURL(%q) = %q, %q; want %q, %q", tc.raw, h, p, tc.host, tc.path)
			}
		})
	}
}

func TestUnescapeHTML(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"502 Bad Gateway", "502 Bad Gateway"},
		{"Tom &amp; Jerry &lt;3 &#8212; &#x41;", "Tom & Jerry <3 — A"},
		{"&bogus; &#99999999;", "&bogus; &#99999999;"},
	} {
		if got := unescapeHTML(tc.in); got != tc.want {
			t.Errorf("unescapeHTML(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestFormKeys(t *testing.T) {
	k := formKeys("event=signed-up&e%6Dail=a%40b.c&=x&flag")
	for _, want := range []string{"event", "email", "flag"} {
		if !k[want] {
			t.Errorf("key %q missing from %v", want, k)
		}
	}
	if k[""] {
		t.Error("empty key kept")
	}
}
