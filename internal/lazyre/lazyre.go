// Package lazyre holds regular expressions that are compiled on first use rather than when the
// program starts, as cmd/go's internal/lazyregexp does. The playground's module starts faster
// for it: the engine's fifty-odd patterns (the secrets table, the log-status patterns, the
// HTML page patterns) took most of Go's start-up in the browser when package engine compiled
// them at init, before a paste had asked for any of them.
//
//	var titleRE = lazyre.New(`(?is)<title[^>]*>(.*?)</title>`)
//	m := titleRE().FindStringSubmatch(s)
//
// A pattern that does not compile panics on first use, as regexp.MustCompile would at start-up;
// each package's tests call Compile to find such a pattern before it ships. It imports only the
// standard library (regexp, sync), so the WebAssembly module links it.
package lazyre

import (
	"errors"
	"regexp"
	"sync"
)

var (
	mu  sync.Mutex
	all []func() *regexp.Regexp
)

// New returns a function that compiles expr the first time it is called and returns the same
// *regexp.Regexp on every call, from any goroutine. Call it for package-level patterns only:
// each one is remembered for Compile.
func New(expr string) func() *regexp.Regexp {
	f := sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
	mu.Lock()
	all = append(all, f)
	mu.Unlock()
	return f
}

// Compile compiles every pattern New has returned so far that is not compiled yet, and returns
// the error of the first that does not compile. Tests call it; the playground calls it once the
// engine has reported ready, so that a paste finds its patterns compiled.
func Compile() (err error) {
	mu.Lock()
	fs := all
	mu.Unlock()
	for _, f := range fs {
		if e := compile(f); e != nil && err == nil {
			err = e
		}
	}
	return err
}

func compile(f func() *regexp.Regexp) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = errors.New("lazyre: a pattern does not compile")
			if s, ok := r.(string); ok {
				err = errors.New(s) // regexp.MustCompile's message names the pattern
			}
		}
	}()
	f()
	return nil
}
