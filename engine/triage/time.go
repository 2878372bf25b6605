package triage

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Times are given as RFC 3339 in UTC with milliseconds ("2026-12-04T10:00:00.123Z"), so that
// they sort as strings and JavaScript's Date reads them. A time without a zone (most log
// prefixes) is taken as UTC: the paste does not say which zone its clock was in.

const outLayout = "2006-01-02T15:04:05.000Z"

// harTime normalises a HAR startedDateTime (ISO 8601 with a zone).
func harTime(s string) string { return normTime(s) }

var timeLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05.999999999",
	"2006-01-02 15:04:05.999999999Z07:00",
	"2006-01-02 15:04:05.999999999",
	"2006-01-02T15:04:05.999999999Z0700",
	"2006-01-02 15:04:05.999999999 -0700",
	"02/Jan/2006:15:04:05 -0700", // Apache and nginx access logs
	time.RFC1123,                 // the Date header
	time.RFC1123Z,
}

// normTime parses a time in one of the layouts logs and HTTP use and returns it as RFC 3339;
// "" when it is none of them.
func normTime(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	s = strings.Replace(s, ",", ".", 1) // Python logging's "10:00:00,123"
	if strings.HasSuffix(s, " GMT") || strings.HasSuffix(s, " UTC") {
		if t, err := time.Parse(time.RFC1123, s); err == nil {
			return t.UTC().Format(outLayout)
		}
		s = strings.Replace(s, ".", ",", 1)
	}
	for _, l := range timeLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t.UTC().Format(outLayout)
		}
	}
	return epochTime(s)
}

// epochTime reads Unix time in seconds (10 digits, maybe with a fraction) or milliseconds (13
// digits), as structured loggers write it.
func epochTime(s string) string {
	digits := s
	if i := strings.IndexByte(s, '.'); i >= 0 {
		digits = s[:i]
	}
	if _, err := strconv.ParseUint(digits, 10, 64); err != nil {
		return ""
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return ""
	}
	switch len(digits) {
	case 10:
		return time.UnixMilli(int64(f * 1000)).UTC().Format(outLayout)
	case 13:
		return time.UnixMilli(int64(f)).UTC().Format(outLayout)
	}
	return ""
}

var (
	// linePrefixTimeRE finds a time at the start of a log line, maybe in brackets.
	linePrefixTimeRE = regexp.MustCompile(`^\[?(\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(?:[.,]\d+)?(?:Z| ?[+-]\d\d:?\d\d)?)`)
	// accessTimeRE finds an access log's [04/Dec/2026:10:00:00 +0000].
	accessTimeRE = regexp.MustCompile(`\[(\d\d/[A-Z][a-z]{2}/\d{4}:\d\d:\d\d:\d\d [+-]\d{4})\]`)
	// jsonTimeRE finds a structured logger's time member.
	jsonTimeRE = regexp.MustCompile(`"(?:time|ts|timestamp|@timestamp|datetime|date)"\s*:\s*("[^"]{8,40}"|\d{10}(?:\.\d+)?|\d{13})`)
	// dateHeaderRE finds a response's Date header.
	dateHeaderRE = regexp.MustCompile(`(?im)^[ \t]*(?:< )?Date:[ \t]*([^\r\n]+)`)
)

// lineTime returns the time a log line starts with or carries; "" when none.
func lineTime(line string) string {
	l := strings.TrimSpace(line)
	if m := linePrefixTimeRE.FindStringSubmatch(l); m != nil {
		return normTime(m[1])
	}
	if m := accessTimeRE.FindStringSubmatch(l); m != nil {
		return normTime(m[1])
	}
	if strings.HasPrefix(l, "{") {
		if m := jsonTimeRE.FindStringSubmatch(l); m != nil {
			return normTime(strings.Trim(m[1], `"`))
		}
	}
	return ""
}

// dateHeader returns the time of the first Date header in text; "" when none.
func dateHeader(text string) string {
	if m := dateHeaderRE.FindStringSubmatch(text); m != nil {
		return normTime(m[1])
	}
	return ""
}
