package highlight

import (
	"math/rand"

	"github.com/alecthomas/chroma/v2"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestTokenisersAgainstChroma compares the shell and JavaScript tokenisers with chroma's lexers on
// random strings built from the characters and words their rules turn on: a quick, deterministic
// companion to the fuzz targets, whose inputs rarely reach the interesting states.
func TestTokenisersAgainstChroma(t *testing.T) {
	alpha := []string{"/", "\\", "\"", "'", "`", "$", "{", "}", "(", ")", "[", "]", "\n", " ", "a", "1", ".", "e", "*", "=", "<", "!", "-", "x", "in", "if", "do", "#", "0x", "g", "&", "|", ";", "+", "_", "echo", "this", "\n$ ", "\n> ", "${", ":-", ":", "<<", "EOF", "<<-"}
	r := rand.New(rand.NewSource(3))
	bad, accepted := 0, 0
	for n := 0; n < 20000 && bad < 6; n++ {
		var s string
		for k := r.Intn(40); k > 0; k-- {
			s += alpha[r.Intn(len(alpha))]
		}
		for _, lang := range []string{"js", "bash", "console"} {
			in := s
			if lang == "console" {
				in = "$ " + s + "\n"
			}
			var got []chroma.Token
			var ok bool
			switch lang {
			case "js":
				got, ok = jsTokens(in)
			case "bash":
				got, ok = shTokens(in)
			case "console":
				got, ok = consoleTokens(in)
			}
			if !ok {
				continue
			}
			accepted++
			want, wantOK := chromaTokens(t, lang, in)
			if !wantOK || !cmp.Equal(want, got) {
				bad++
				t.Errorf("%s %q: chroma ok=%v\n%s", lang, in, wantOK, cmp.Diff(want, got))
			}
		}
	}
	if accepted < 10000 {
		t.Errorf("only %d random inputs accepted; the comparison covers too little", accepted)
	}
	t.Logf("%d inputs accepted and compared", accepted)
}
