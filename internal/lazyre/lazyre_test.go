package lazyre

import (
	"strings"
	"testing"
)

func TestNewCompilesOnce(t *testing.T) {
	re := New(`a(b+)`)
	first := re()
	if first != re() {
		t.Fatal("a second call compiled the pattern again")
	}
	if m := first.FindStringSubmatch("xabbb"); len(m) != 2 || m[1] != "bbb" {
		t.Fatalf("match = %q", m)
	}
}

func TestCompileNamesTheBadPattern(t *testing.T) {
	all = nil
	New(`ok`)
	bad := New(`a(b`)
	err := Compile()
	if err == nil || !strings.Contains(err.Error(), "a(b") {
		t.Fatalf("Compile() = %v, want an error naming `a(b`", err)
	}
	defer func() {
		if recover() == nil {
			t.Fatal("the bad pattern did not panic on use")
		}
	}()
	bad()
}
