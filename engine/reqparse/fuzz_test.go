package reqparse

import (
	"strings"
	"testing"

	"github.com/errdocs/errdocs/internal/printf"
)

// seeds returns the inputs of every table case, for the fuzz targets.
func seeds() []string {
	var out []string
	for _, cases := range [][]tc{devtoolsCases, curlCases, httpCases, fetchCases} {
		for _, c := range cases {
			out = append(out, c.in)
		}
	}
	return out
}

// fuzzOne parses text and checks what must hold for any input.
func fuzzOne(t *testing.T, text string) {
	r, ok := Parse(text)
	if ok {
		checkInvariants(t, text, r)
	}
	pr, rest, restLine, ok := ParsePrefix(text)
	if !ok {
		return
	}
	checkInvariants(t, text, pr)
	if !Detect(text) {
		t.Errorf("ParsePrefix found a request but Detect did not")
	}
	if !strings.HasSuffix(text, rest) {
		t.Fatalf("rest %q is not a suffix of the text", printf.Clip(rest, 40))
	}
	if want := strings.Count(text[:len(text)-len(rest)], "\n") + 1; restLine != want {
		t.Errorf("restLine = %d, want %d", restLine, want)
	}
	if rest != "" && restLine < pr.StartLine {
		t.Errorf("rest starts on line %d, before the request's line %d", restLine, pr.StartLine)
	}
}

// FuzzParse feeds any text to Parse and ParsePrefix.
func FuzzParse(f *testing.F) {
	for _, s := range seeds() {
		f.Add(s)
	}
	f.Fuzz(fuzzOne)
}

// FuzzCurl feeds the curl parser: every input is read as the arguments of a curl command.
func FuzzCurl(f *testing.F) {
	for _, s := range seeds() {
		if i := strings.Index(s, "curl "); i >= 0 {
			f.Add(s[i+5:])
		}
	}
	f.Fuzz(func(t *testing.T, args string) { fuzzOne(t, "curl "+args) })
}

// FuzzHTTP feeds the raw HTTP parser: every input follows a request line.
func FuzzHTTP(f *testing.F) {
	for _, c := range httpCases {
		f.Add(c.in)
	}
	f.Fuzz(func(t *testing.T, rest string) { fuzzOne(t, "POST /v1/track HTTP/1.1\n"+rest) })
}

// FuzzFetch feeds the fetch parser: every input is the arguments of a fetch( call.
func FuzzFetch(f *testing.F) {
	for _, s := range seeds() {
		if i := strings.Index(s, "fetch("); i >= 0 {
			f.Add(s[i+6:])
		}
	}
	f.Fuzz(func(t *testing.T, args string) { fuzzOne(t, "fetch("+args) })
}

// FuzzHTTPie feeds the httpie parser: every input is the words after "http POST https://x.test/".
func FuzzHTTPie(f *testing.F) {
	for _, c := range httpieCases {
		f.Add(c.in)
	}
	f.Add(`a:b c=d e:=[1,2] f==g h@i j=@k l:=@m \:n=o`)
	f.Fuzz(func(t *testing.T, args string) { fuzzOne(t, "http POST https://x.test/ "+args) })
}
