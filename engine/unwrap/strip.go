package unwrap

import (
	"strings"
)

// Line prefixes. Android's logcat, syslog and most loggers start every line with a prefix of
// their own; a response logged over several lines (OkHttp's log, a pretty-printed body, a
// Python traceback) reads as one only without them.

// A prefixKind recognises one family of line prefixes and returns the prefix's length, or 0.
type prefixKind struct {
	name  string
	match func(s string) int
}

var prefixKinds = [...]prefixKind{
	{"logcat", logcatPrefix},
	{"syslog", syslogPrefix},
	{"timestamp", timestampPrefix},
}

// Strip removes the prefix each line carries when most lines carry one of the same family
// (Android logcat's "11-30 10:30:00.123  1234  5678 E OkHttp  : ", syslog's "Nov 30 10:30:00
// host app[123]: ", a timestamp with a level, "2025-11-30T10:30:00.123Z ERROR "). The lines
// stay where they are, so a line number in the result is one in text; only columns move. It
// returns text unchanged and a nil Note when no family prefixes most lines.
func Strip(text string) (string, *Note) {
	var counts [len(prefixKinds)]int
	nonEmpty := 0
	eachLine(text, 0, func(l line) bool {
		if strings.TrimSpace(l.text) == "" {
			return true
		}
		nonEmpty++
		for k, pk := range prefixKinds {
			if pk.match(l.text) > 0 {
				counts[k]++
				break
			}
		}
		return true
	})
	kind := -1
	for k, n := range counts {
		if n >= 2 && n*2 >= nonEmpty && (kind < 0 || n > counts[kind]) {
			kind = k
		}
	}
	if kind < 0 {
		return text, nil
	}
	var b strings.Builder
	b.Grow(len(text))
	eachLine(text, 0, func(l line) bool {
		full := text[l.off:min(len(text), lineEnd(text, l.off)+1)]
		if n := prefixKinds[kind].match(l.text); n > 0 {
			full = full[n:]
		}
		b.WriteString(full)
		return true
	})
	return b.String(), &Note{"info", "Each line starts with a " + prefixKinds[kind].name + " prefix; errdocs read the lines without it (columns count from after the prefix).", -1}
}

// scan is a tiny matcher over the start of a line: each method consumes what it names and
// reports whether it was there.
type scan struct {
	s  string
	i  int
	ok bool
}

func (c *scan) digits(n int) *scan {
	if !c.ok || c.i+n > len(c.s) || !digits(c.s[c.i:c.i+n]) {
		c.ok = false
		return c
	}
	c.i += n
	return c
}

func (c *scan) byte(b byte) *scan {
	if !c.ok || c.i >= len(c.s) || c.s[c.i] != b {
		c.ok = false
		return c
	}
	c.i++
	return c
}

func (c *scan) opt(b byte) *scan {
	if c.ok && c.i < len(c.s) && c.s[c.i] == b {
		c.i++
	}
	return c
}

func (c *scan) spaces(least int) *scan {
	n := 0
	for c.ok && c.i < len(c.s) && c.s[c.i] == ' ' {
		c.i++
		n++
	}
	if n < least {
		c.ok = false
	}
	return c
}

func (c *scan) someDigits() *scan {
	n := 0
	for c.ok && c.i < len(c.s) && c.s[c.i] >= '0' && c.s[c.i] <= '9' {
		c.i++
		n++
	}
	if n == 0 {
		c.ok = false
	}
	return c
}

// tagColon consumes up to and including ": " (or a ':' ending the line) within 100 bytes.
func (c *scan) tagColon() *scan {
	if !c.ok {
		return c
	}
	end := min(len(c.s), c.i+100)
	j := strings.Index(c.s[c.i:end], ": ")
	if j < 0 {
		if strings.HasSuffix(c.s[c.i:end], ":") && end == len(c.s) {
			c.i = len(c.s)
			return c
		}
		c.ok = false
		return c
	}
	c.i += j + 2
	return c
}

func (c *scan) end() int {
	if !c.ok {
		return 0
	}
	return c.i
}

// logcatPrefix matches logcat's threadtime format, "11-30 10:30:00.123  1234  5678 I Tag: ",
// and its brief format, "I/Tag( 1234): ".
func logcatPrefix(s string) int {
	c := &scan{s: s, ok: true}
	c.digits(2).byte('-').digits(2).byte(' ').digits(2).byte(':').digits(2).byte(':').digits(2).byte('.').digits(3).spaces(1)
	c.someDigits().spaces(1).someDigits().spaces(1)
	if c.ok && c.i < len(s) && strings.IndexByte("VDIWEFA", s[c.i]) >= 0 {
		c.i++
		return c.spaces(1).tagColon().end()
	}
	if len(s) > 2 && strings.IndexByte("VDIWEFA", s[0]) >= 0 && s[1] == '/' {
		if j := strings.Index(s[:min(len(s), 100)], "): "); j > 0 && strings.IndexByte(s[:j], '(') > 0 {
			return j + 3
		}
	}
	return 0
}

var months = [...]string{"Jan ", "Feb ", "Mar ", "Apr ", "May ", "Jun ", "Jul ", "Aug ", "Sep ", "Oct ", "Nov ", "Dec "}

// syslogPrefix matches "Nov 30 10:30:00 host app[123]: ".
func syslogPrefix(s string) int {
	if len(s) < 16 {
		return 0
	}
	month := false
	for _, m := range months {
		if strings.HasPrefix(s, m) {
			month = true
		}
	}
	if !month {
		return 0
	}
	c := &scan{s: s, i: 4, ok: true}
	c.opt(' ').someDigits().byte(' ').digits(2).byte(':').digits(2).byte(':').digits(2).spaces(1)
	// The host, then the program and its pid up to ": ".
	for c.ok && c.i < len(s) && s[c.i] != ' ' {
		c.i++
	}
	return c.spaces(1).tagColon().end()
}

var levels = [...]string{"TRACE", "DEBUG", "INFO", "NOTICE", "WARN", "WARNING", "ERROR", "FATAL", "CRITICAL", "trace", "debug", "info", "warn", "warning", "error", "fatal"}

// timestampPrefix matches an ISO 8601 date and time, "2025-11-30T10:30:00.123Z" or
// "2025-11-30 10:30:00,123", maybe in brackets, with a level word after it ("ERROR",
// "[error]") when there is one.
func timestampPrefix(s string) int {
	c := &scan{s: s, ok: true}
	c.opt('[').digits(4).byte('-').digits(2).byte('-').digits(2)
	if c.ok && c.i < len(s) && (s[c.i] == 'T' || s[c.i] == ' ') {
		c.i++
	} else {
		c.ok = false
	}
	c.digits(2).byte(':').digits(2).byte(':').digits(2)
	if c.ok && c.i < len(s) && (s[c.i] == '.' || s[c.i] == ',') {
		c.i++
		c.someDigits()
	}
	if c.ok && c.i < len(s) && s[c.i] == 'Z' {
		c.i++
	} else if c.ok && c.i < len(s) && (s[c.i] == '+' || s[c.i] == '-') {
		c.i++
		c.digits(2).opt(':').digits(2)
	}
	c.opt(']').spaces(1)
	n := c.end()
	if n == 0 {
		return 0
	}
	rest := s[n:]
	lb := strings.HasPrefix(rest, "[")
	if lb {
		rest = rest[1:]
	}
	for _, lv := range levels {
		if w, ok := strings.CutPrefix(rest, lv); ok && (lb && strings.HasPrefix(w, "]") || !lb && (w == "" || w[0] == ' ' || w[0] == ':')) {
			k := len(s) - len(w)
			if lb {
				k++
			}
			for k < len(s) && (s[k] == ' ' || s[k] == ':') {
				k++
			}
			return k
		}
	}
	return n
}
