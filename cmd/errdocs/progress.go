package main

import (
	"fmt"
	"io"
	"os"
	"sync"
	"sync/atomic"
	"time"
)

// progress draws a build's progress as one line that updates in place on a terminal. It stays
// silent for the first second, so a quick build prints nothing more than before, and it is only
// made when stderr is a terminal (isTerminal), so logs and tests never see it.
type progress struct {
	w     io.Writer
	start time.Time
	done  atomic.Int64
	total atomic.Int64
	stage atomic.Value // string
	quit  chan struct{}
	wg    sync.WaitGroup
	drawn bool // touched only by the drawing goroutine, then by stop after it ends
}

// startProgress starts drawing to w every tick, once delay has passed.
func startProgress(w io.Writer, delay, tick time.Duration) *progress {
	p := &progress{w: w, start: time.Now(), quit: make(chan struct{})}
	p.stage.Store("reading content")
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		select {
		case <-time.After(delay):
		case <-p.quit:
			return
		}
		t := time.NewTicker(tick)
		defer t.Stop()
		for {
			p.draw()
			select {
			case <-t.C:
			case <-p.quit:
				return
			}
		}
	}()
	return p
}

// set records the build's stage and how far it is; the site builder calls it from any goroutine
// (site.Options.Progress).
func (p *progress) set(stage string, done, total int) {
	p.stage.Store(stage)
	p.done.Store(int64(done))
	p.total.Store(int64(total))
}

func (p *progress) draw() {
	stage := p.stage.Load().(string)
	done, total := p.done.Load(), p.total.Load()
	line := fmt.Sprintf("errdocs build: %s", stage)
	if total > 0 {
		line += fmt.Sprintf(" %d/%d (%d%%)", done, total, 100*done/total)
	}
	line += fmt.Sprintf(", %.1f s", time.Since(p.start).Seconds())
	// \r returns to the line's start and \x1b[K clears what a longer line left behind.
	fmt.Fprintf(p.w, "\r%s\x1b[K", line)
	p.drawn = true
}

// stop ends the drawing and clears the line, so the build's own report takes its place.
func (p *progress) stop() {
	if p == nil {
		return
	}
	close(p.quit)
	p.wg.Wait()
	if p.drawn {
		io.WriteString(p.w, "\r\x1b[K")
	}
}

// isTerminal reports whether w is a terminal that can redraw a line.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0 && os.Getenv("TERM") != "dumb"
}
