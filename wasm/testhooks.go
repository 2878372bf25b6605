//go:build js && wasm && errdocs_testhooks

package main

import "os"

// The browser tests build the module with -tags errdocs_testhooks. Only then does a paste that is
// exactly panicPaste make explain panic, and one that is exitPaste stop the Go program, so the
// tests can check that the module recovers, that the page restarts a dead worker, and that the
// playground answers the next paste. Production builds have no hook.

const (
	panicPaste = "errdocs-test: panic\n"
	exitPaste  = "errdocs-test: exit\n"
)

func init() {
	testHook = func(text string) {
		switch text {
		case panicPaste:
			panic("test hook: deliberate panic")
		case exitPaste:
			os.Exit(3)
		}
	}
}
