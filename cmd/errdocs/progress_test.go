package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestProgressLine(t *testing.T) {
	var buf bytes.Buffer
	// A delay no test reaches: nothing is drawn unless draw is called.
	p := startProgress(&buf, time.Hour, time.Hour)
	p.set("rendering pages", 250, 1000)
	p.draw()
	p.stop()
	got := buf.String()
	if !strings.HasPrefix(got, "\rerrdocs build: rendering pages 250/1000 (25%), ") {
		t.Errorf("progress line = %q", got)
	}
	if strings.Contains(got, "\n") {
		t.Errorf("progress line has a newline: %q", got)
	}
	if !strings.HasSuffix(got, "\r\x1b[K") {
		t.Errorf("stop did not clear the line: %q", got)
	}
}

func TestProgressSilentWhenQuick(t *testing.T) {
	var buf bytes.Buffer
	p := startProgress(&buf, time.Hour, time.Millisecond)
	p.set("rendering pages", 1, 2)
	p.stop()
	if buf.Len() != 0 {
		t.Errorf("a build shorter than the delay drew %q", buf.String())
	}
	var nilProgress *progress
	nilProgress.stop() // no terminal, no progress: stop must be safe
}

func TestIsTerminalFile(t *testing.T) {
	f, err := os.Create(filepath.Join(t.TempDir(), "log"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if isTerminal(f) || isTerminal(&bytes.Buffer{}) {
		t.Error("a file or a buffer taken for a terminal")
	}
}
