package main

import (
	"bufio"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// The rebuild measure (issue 14 §2): a dev server runs on the corpus, one page is edited (a
// sentence appended to its last paragraph), and the time from the write to the server's
// signal is taken: errdocs serve's "reload" event on its event stream, which the open tab
// reloads on; hugo server's "Total in" line, which it prints as it sends its reload. Each
// server gets the same edits, each to another page from the middle of the corpus on, and the
// median is reported.

// editPage appends a sentence to page i of the corpus and returns a function that undoes it.
func editPage(content string, i int, k int) (func() error, error) {
	name := filepath.Join(content, fmt.Sprintf("sec%02d", i/100), fmt.Sprintf("p%04d.md", i))
	old, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	text := string(old) + fmt.Sprintf("\nEdited sentence number %d.\n", k)
	if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
		return nil, err
	}
	return func() error { return os.WriteFile(name, old, 0o644) }, nil
}

// lineWaiter reads a process's output and hands each line that starts with one of prefixes to a
// channel.
func lineWaiter(r io.Reader, prefixes ...string) <-chan string {
	ch := make(chan string, 16)
	go func() {
		sc := bufio.NewScanner(r)
		for sc.Scan() {
			for _, p := range prefixes {
				if strings.HasPrefix(sc.Text(), p) {
					select {
					case ch <- sc.Text():
					default:
					}
					break
				}
			}
		}
		close(ch)
	}()
	return ch
}

func waitLine(ch <-chan string, d time.Duration) (string, error) {
	select {
	case ln, ok := <-ch:
		if !ok {
			return "", fmt.Errorf("the server stopped")
		}
		return ln, nil
	case <-time.After(d):
		return "", fmt.Errorf("no answer in %s", d)
	}
}

// serveErrdocs measures errdocs serve: bin is an errdocs binary.
func serveErrdocs(bin, content string, first, edits int) ([]time.Duration, error) {
	cmd := exec.Command(bin, "serve", "--addr", "127.0.0.1:0", "--content", content, "--no-playground")
	cmd.Dir = os.TempDir() // not the repository, so it watches content alone
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	cmd.Stderr = io.Discard
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	defer func() { cmd.Process.Kill(); cmd.Wait() }()
	serving := lineWaiter(out, "serving ")
	ln, err := waitLine(serving, 10*time.Minute)
	if err != nil {
		return nil, err
	}
	base := strings.Fields(strings.TrimPrefix(ln, "serving "))[0]
	resp, err := http.Get(base + "_errdocs/events")
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	events := lineWaiter(resp.Body, "event: ")
	if ev, err := waitLine(events, time.Minute); err != nil || ev != "event: hello" {
		return nil, fmt.Errorf("event stream: %q %v", ev, err)
	}
	var times []time.Duration
	for k := 0; k < edits; k++ {
		start := time.Now()
		undo, err := editPage(content, first+k, k)
		if err != nil {
			return nil, err
		}
		ev, err := waitLine(events, 5*time.Minute)
		d := time.Since(start)
		undo()
		if err != nil {
			return nil, err
		}
		if ev != "event: reload" {
			return nil, fmt.Errorf("errdocs serve answered %q", ev)
		}
		times = append(times, d)
		// The undo is an edit too: let its rebuild pass before the next one.
		if _, err := waitLine(events, 5*time.Minute); err != nil {
			return nil, err
		}
	}
	return times, nil
}

// serveHugo measures hugo server, rendering to memory with its default fast render.
func serveHugo(hugoBin, hugoDir, content string, first, edits int) ([]time.Duration, error) {
	cmd := exec.Command(hugoBin, "server", "--source", hugoDir, "--port", "0", "--bind", "127.0.0.1")
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	cmd.Stderr = io.Discard
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	defer func() { cmd.Process.Kill(); cmd.Wait() }()
	lines := lineWaiter(out, "Built in", "Total in")
	if _, err := waitLine(lines, 10*time.Minute); err != nil {
		return nil, fmt.Errorf("hugo server start: %w", err)
	}
	time.Sleep(time.Second) // its watcher is set up after the first build
	var times []time.Duration
	for k := 0; k < edits; k++ {
		start := time.Now()
		undo, err := editPage(content, first+k, k)
		if err != nil {
			return nil, err
		}
		_, err = waitLine(lines, 5*time.Minute)
		d := time.Since(start)
		undo()
		if err != nil {
			return nil, fmt.Errorf("hugo server: %w", err)
		}
		times = append(times, d)
		if _, err := waitLine(lines, 5*time.Minute); err != nil {
			return nil, err
		}
	}
	return times, nil
}

func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}

func ms(ds []time.Duration) string {
	var parts []string
	for _, d := range ds {
		parts = append(parts, fmt.Sprintf("%d", d.Milliseconds()))
	}
	return strings.Join(parts, ", ") + " ms"
}
