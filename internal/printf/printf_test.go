package printf

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"testing"
)

type named struct{}

func (named) String() string { return "named <value>" }

// TestLikeFmt checks every verb and argument type the package takes against fmt.
func TestLikeFmt(t *testing.T) {
	err := errors.New("boom")
	cases := []struct {
		format string
		args   []any
	}{
		{"plain text, no verbs", nil},
		{"100%% sure", nil},
		{"%s and %v", []any{"a", "b"}},
		{"%q", []any{"quote \"me\"\n\x00é"}},
		{"%#q", []any{"back`quote"}},
		{"%#q", []any{"plain"}},
		{"%.3s|%.2q", []any{"héllo", "héllo"}},
		{"%d %v %d %d", []any{42, -7, int64(1) << 40, int32(-3)}},
		{"%05d|%-5d|%5d|%x|%X|%#x", []any{-42, 7, 7, 255, 255, 255}},
		{"control character %#02x in string", []any{byte(5)}},
		{"%#02x %02x %x", []any{uint8(0x1f), uint16(3), uint32(0xbeef)}},
		{`invalid escape \%c in string`, []any{'q'}},
		{"%c%c", []any{rune('é'), byte('A')}},
		{"%q", []any{'x'}},
		{"%.1f s|%f|%.0f|%8.2f|%-8.2f|%08.2f", []any{2.25, 1.5, 2.5, -3.14159, 3.1, -3.1}},
		{"%v %v %v %v", []any{1.0, 0.000001, 1e21, 123456789.0}},
		{"%v|%s|%q", []any{err, err, err}},
		{"%v|%s|%q", []any{named{}, named{}, named{}}},
		{"%v %t", []any{true, false}},
		{"%v", []any{nil}},
		{"%v|%d", []any{[]int{429, 500}, []int{}}},
		{"%v|%s", []any{[]string{"a", "b c"}, []string(nil)}},
		{"%s", []any{[]byte("bytes")}},
		{"%x|%X|%#x", []any{"hi", "hi", "hi"}},
		{"%8s|%-8s|%2s", []any{"ab", "ab", "abcdef"}},
		{"%8q", []any{"é"}},
		{"missing %s %d", []any{"one"}},
		{"extra %s", []any{"one", "two"}},
		{"trailing %", nil},
	}
	for _, c := range cases {
		want := fmt.Sprintf(c.format, c.args...)
		if got := Sprintf(c.format, c.args...); got != want {
			t.Errorf("Sprintf(%q, %#v) = %q, fmt gives %q", c.format, c.args, got, want)
		}
	}
}

func TestErrorf(t *testing.T) {
	got := Errorf("read %s: %w", "catalog.json", fs.ErrNotExist)
	want := fmt.Errorf("read %s: %w", "catalog.json", fs.ErrNotExist)
	if got.Error() != want.Error() {
		t.Errorf("Errorf = %q, fmt gives %q", got, want)
	}
	if !errors.Is(got, fs.ErrNotExist) {
		t.Error("Errorf's error does not unwrap to its %w argument")
	}
	two := Errorf("%w and %w", fs.ErrNotExist, fs.ErrExist)
	if !errors.Is(two, fs.ErrNotExist) || !errors.Is(two, fs.ErrExist) || two.Error() != fmt.Errorf("%w and %w", fs.ErrNotExist, fs.ErrExist).Error() {
		t.Errorf("two %%w: %v", two)
	}
	if errors.Unwrap(Errorf("no wrap %d", 1)) != nil {
		t.Error("an Errorf without %w unwraps to something")
	}
}

// TestBadVerb shows that a verb that does not fit its argument is marked as fmt marks it, and
// that an argument type the package does not know is marked, not dropped.
func TestBadVerb(t *testing.T) {
	for _, c := range []struct {
		format string
		args   []any
	}{
		{"%d", []any{"text"}},
		{"%s", []any{3}},
		{"%d", []any{nil}},
		{"%q", []any{2.5}},
		{"extra", []any{1, "a", nil, 2.5, []int{1}}},
	} {
		want := fmt.Sprintf(c.format, c.args...)
		if got := Sprintf(c.format, c.args...); got != want {
			t.Errorf("Sprintf(%q, %#v) = %q, fmt gives %q", c.format, c.args, got, want)
		}
	}
	if got := Sprintf("%v", struct{}{}); got != "%!v(unsupported)" {
		t.Errorf("an unknown type: got %q", got)
	}
}

func FuzzLikeFmt(f *testing.F) {
	f.Add("%s=%d (%q) %x", "key", int64(-12), 3.5)
	f.Add("%#08x|%-4d|%.2f", "", int64(255), -0.125)
	f.Fuzz(func(t *testing.T, format, s string, n int64, x float64) {
		// Only the verbs the package documents, so fmt's own output is the reference.
		for i := 0; i < len(format); i++ {
			if format[i] == '%' {
				j := i + 1
				for j < len(format) && (format[j] == '#' || format[j] == '0' || format[j] == '-' || format[j] == '.' || (format[j] >= '1' && format[j] <= '9')) {
					j++
				}
				if j < len(format) {
					switch format[j] {
					case 's', 'v', 'd', 'q', 'x', 'X', 'f', '%':
					default:
						return
					}
				}
			}
		}
		for _, a := range [][]any{{s, n, x}, {n, s, x}, {x, n, s}} {
			want := fmt.Sprintf(format, a...)
			if strings.Contains(want, "%!") {
				continue // a misfit verb; TestBadVerb covers the marks
			}
			if hexFloat(format, a) {
				continue // %x of a float: fmt has it, the package does not
			}
			if got := Sprintf(format, a...); got != want {
				t.Fatalf("Sprintf(%q, %#v) = %q, fmt gives %q", format, a, got, want)
			}
		}
	})
}

// hexFloat reports whether format gives a float64 argument to %x or %X.
func hexFloat(format string, args []any) bool {
	n := 0
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			continue
		}
		j := i + 1
		for j < len(format) && strings.IndexByte("#0-.123456789", format[j]) >= 0 {
			j++
		}
		if j >= len(format) {
			return false
		}
		i = j
		if format[j] == '%' {
			continue
		}
		if n < len(args) {
			if _, ok := args[n].(float64); ok && (format[j] == 'x' || format[j] == 'X') {
				return true
			}
		}
		n++
	}
	return false
}
