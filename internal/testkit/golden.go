// Package testkit is what errdocs' tests share: golden files behind -update, a headless
// Chromium for the browser suites, and HTTP behaviour written as scripts. Only _test.go files
// import it.
//
// # Golden files
//
// [CompareWithGolden] compares a string with a file under testdata/ and [ReadTxtar] compares
// sections of a txtar archive (a paste and its -- want.json --). Both report a difference as
// cmp.Diff's "(-want +got)". Run go test with -update to rewrite the goldens instead, then review
// the diff. This package is the only place that knows the -update flag (pkgsite's
// internal/testing/testhelper.CompareWithGolden does the same); a test package that imports it
// must not define its own.
//
// # The browser
//
// [Browser] is one headless Debian Chromium for a test binary, with a fresh profile, and a tab
// per test ([Browser.Tab]). See its doc for when the tests skip and when they fail.
//
// # HTTP scripts
//
// [RunScripts] runs testdata/*.txt scripts against an http.Handler: each case is a request and
// lines that check its answer (code == 301, header Location == /x/, body contains …), as
// golang/website's internal/webtest. See [RunScripts] for the format.
package testkit

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite golden files and txtar want sections instead of comparing with them")

// Update reports whether the test binary runs with -update.
func Update() bool { return *update }

// rerun is the command that rewrites t's goldens.
func rerun(t testing.TB) string {
	top, _, _ := strings.Cut(t.Name(), "/")
	return "go test -run '^" + top + "$' -update"
}

// CompareWithGolden compares got with the file at path (relative to the test's package, so
// usually under testdata/) and reports a difference as "(-want +got)". With -update it writes
// got to path instead, making its folder if needed.
func CompareWithGolden(t testing.TB, got, path string) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run %s)", err, rerun(t))
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("%s (-want +got):\n%s", path, diff)
	}
}

// Txtar is a txtar archive of golden cases: input sections a test reads with [Txtar.Section],
// and want sections it checks with [Txtar.Compare]. With -update, Compare sets the want
// sections instead, and the archive is written back once, when the test that read it ends
// (after its subtests). Its methods may be called from parallel subtests.
type Txtar struct {
	Path string

	mu      sync.Mutex
	ar      *txtar.Archive
	changed bool
}

// ReadTxtar reads the archive at path for t.
func ReadTxtar(t testing.TB, path string) *Txtar {
	t.Helper()
	ar, err := txtar.ParseFile(path)
	if err != nil {
		t.Fatal(err)
	}
	a := &Txtar{Path: path, ar: ar}
	t.Cleanup(func() {
		a.mu.Lock()
		defer a.mu.Unlock()
		if a.changed {
			if err := os.WriteFile(path, txtar.Format(a.ar), 0o644); err != nil {
				t.Error(err)
			}
		}
	})
	return a
}

// Files returns the archive's sections in order. They are the archive's own: do not change
// them.
func (a *Txtar) Files() []txtar.File {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.ar.Files
}

// Section returns the data of the section named name.
func (a *Txtar) Section(name string) (string, bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if i := a.index(name); i >= 0 {
		return string(a.ar.Files[i].Data), true
	}
	return "", false
}

func (a *Txtar) index(name string) int {
	for i, f := range a.ar.Files {
		if f.Name == name {
			return i
		}
	}
	return -1
}

// Compare compares got with the section named want. With -update it sets the section instead,
// adding it at the end of the archive if it is missing.
func (a *Txtar) Compare(t testing.TB, want, got string) {
	t.Helper()
	a.CompareAfter(t, "", want, got)
}

// CompareAfter is Compare, except that with -update a missing want section is added right
// after the section named after (at the end if there is none), so that each input stays next
// to its answer.
func (a *Txtar) CompareAfter(t testing.TB, after, want, got string) {
	t.Helper()
	a.mu.Lock()
	defer a.mu.Unlock()
	i := a.index(want)
	if *update {
		switch {
		case i >= 0:
			if string(a.ar.Files[i].Data) == got {
				return
			}
			a.ar.Files[i].Data = []byte(got)
		default:
			at := len(a.ar.Files)
			if j := a.index(after); after != "" && j >= 0 {
				at = j + 1
			}
			a.ar.Files = append(a.ar.Files[:at], append([]txtar.File{{Name: want, Data: []byte(got)}}, a.ar.Files[at:]...)...)
		}
		a.changed = true
		return
	}
	if i < 0 {
		t.Fatalf("%s has no %s section (run %s)", a.Path, want, rerun(t))
	}
	if diff := cmp.Diff(string(a.ar.Files[i].Data), got); diff != "" {
		t.Errorf("%s, section %s (-want +got):\n%s", a.Path, want, diff)
	}
}
