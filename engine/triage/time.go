package triage

import (
	"strconv"
	"strings"

	"github.com/errdocs/errdocs/internal/instant"
	"github.com/errdocs/errdocs/internal/lazyre"
	"github.com/errdocs/errdocs/internal/timetext"
)

// Times are given as RFC 3339 in UTC with milliseconds ("2026-12-04T10:00:00.123Z"), so that
// they sort as strings and JavaScript's Date reads them. A time without a zone (most log
// prefixes) is taken as UTC: the paste does not say which zone its clock was in.
//
// The few layouts logs use are read with patterns, HTTP dates with internal/timetext, and
// instants are counted with internal/instant, not with package time, which the WebAssembly
// module does not link.

// harTime normalises a HAR startedDateTime (ISO 8601 with a zone).
func harTime(s string) string { return normTime(s) }

var months = "JanFebMarAprMayJunJulAugSepOctNovDec"

var (
	isoRE    = lazyre.New(`^(\d{4})-(\d\d)-(\d\d)[T ](\d\d):(\d\d):(\d\d)(?:[.,](\d+))? ?(Z|GMT|UTC|[+-]\d\d:?\d\d)?$`)
	accessRE = lazyre.New(`^(\d\d)/([A-Z][a-z]{2})/(\d{4}):(\d\d):(\d\d):(\d\d)() ([+-]\d{4})$`)
)

// normTime reads a time as ISO 8601 ("2026-12-04T10:00:00.123+01:00", "2026-12-04
// 10:00:00,123"), an access log's "04/Dec/2026:10:00:00 +0000", an HTTP date ("Fri, 04 Dec 2026
// 10:00:05 GMT") or Unix seconds or milliseconds, and returns it as RFC 3339 in UTC; "" when it
// is none of them.
func normTime(s string) string {
	s = strings.TrimSpace(s)
	var y, mo, d int
	m := isoRE().FindStringSubmatch(s)
	if m != nil {
		y, mo, d = atoi(m[1]), atoi(m[2]), atoi(m[3])
	} else if m = accessRE().FindStringSubmatch(s); m == nil {
		return httpTime(s)
	}
	if y == 0 {
		// Day, month name, year. A name not in months has index -1: -1%3 is not 0.
		d, mo, y = atoi(m[1]), strings.Index(months, m[2])/3+1, atoi(m[3])
		if mo == 0 || len(m[2]) != 3 || strings.Index(months, m[2])%3 != 0 {
			return ""
		}
	}
	h, mi, sec := atoi(m[4]), atoi(m[5]), atoi(m[6])
	ms := atoi((m[7] + "000")[:3])
	off := 0
	if z := strings.ReplaceAll(m[8], ":", ""); len(z) == 5 {
		off = (atoi(z[1:3])*60 + atoi(z[3:5])) * 60
		if z[0] == '-' {
			off = -off
		}
	}
	if mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60 {
		return ""
	}
	return format(instant.Date(y, mo, d, h, mi, sec-off, ms*1e6))
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

// format writes t (in UTC) as "2026-12-04T10:00:00.123Z".
func format(t instant.Time) string {
	y, mo, d, h, mi, s := t.Civil()
	b := make([]byte, 0, 24)
	b = appendPad(b, y, 4, '-')
	b = appendPad(b, mo, 2, '-')
	b = appendPad(b, d, 2, 'T')
	b = appendPad(b, h, 2, ':')
	b = appendPad(b, mi, 2, ':')
	b = appendPad(b, s, 2, '.')
	b = appendPad(b, t.Nanosecond()/1e6, 3, 'Z')
	return string(b)
}

// appendPad appends v with at least n digits, then sep.
func appendPad(b []byte, v, n int, sep byte) []byte {
	x := strconv.Itoa(v)
	for range n - len(x) {
		b = append(b, '0')
	}
	return append(append(b, x...), sep)
}

// httpTime reads an HTTP date in GMT or UTC, or in ANSI C's form, which has no zone and is UTC;
// else Unix time. A date in another zone is none: its abbreviation does not give the offset.
func httpTime(s string) string {
	if t, ok := timetext.HTTPDate(s); ok {
		switch zone := s[strings.LastIndexByte(s, ' ')+1:]; {
		case zone == "GMT", zone == "UTC", zone[0] >= '0' && zone[0] <= '9':
			return format(t)
		}
		return ""
	}
	return epochTime(s)
}

// epochTime reads Unix time in seconds (10 digits, maybe with a fraction) or milliseconds (13
// digits), as structured loggers write it.
func epochTime(s string) string {
	digits, frac, _ := strings.Cut(s, ".")
	if _, err := strconv.ParseUint(digits, 10, 64); err != nil {
		return ""
	}
	n, _ := strconv.ParseInt(digits, 10, 64)
	switch {
	case len(digits) == 10:
		ms := 0
		if frac != "" {
			if _, err := strconv.ParseUint(frac, 10, 64); err != nil {
				return ""
			}
			ms, _ = strconv.Atoi((frac + "000")[:3])
		}
		return format(instant.UnixMilli(n*1000 + int64(ms)))
	case len(digits) == 13 && frac == "":
		return format(instant.UnixMilli(n))
	}
	return ""
}

var (
	// linePrefixTimeRE finds a time at the start of a log line, maybe in brackets.
	linePrefixTimeRE = lazyre.New(`^\[?(\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(?:[.,]\d+)?(?:Z| ?[+-]\d\d:?\d\d)?)`)
	// accessTimeRE finds an access log's [04/Dec/2026:10:00:00 +0000].
	accessTimeRE = lazyre.New(`\[(\d\d/[A-Z][a-z]{2}/\d{4}:\d\d:\d\d:\d\d [+-]\d{4})\]`)
	// jsonTimeRE finds a structured logger's time member.
	jsonTimeRE = lazyre.New(`"(?:time|ts|timestamp|@timestamp|datetime|date)"\s*:\s*("[^"]{8,40}"|\d{10}(?:\.\d+)?|\d{13})`)
	// dateHeaderRE finds a response's Date header.
	dateHeaderRE = lazyre.New(`(?im)^[ \t]*(?:< )?Date:[ \t]*([^\r\n]+)`)
)

// lineTime returns the time a log line starts with or carries; "" when none.
func lineTime(line string) string {
	l := strings.TrimSpace(line)
	if m := linePrefixTimeRE().FindStringSubmatch(l); m != nil {
		return normTime(m[1])
	}
	if m := accessTimeRE().FindStringSubmatch(l); m != nil {
		return normTime(m[1])
	}
	if strings.HasPrefix(l, "{") {
		if m := jsonTimeRE().FindStringSubmatch(l); m != nil {
			return normTime(strings.Trim(m[1], `"`))
		}
	}
	return ""
}

// dateHeader returns the time of the first Date header in text; "" when none.
func dateHeader(text string) string {
	if m := dateHeaderRE().FindStringSubmatch(text); m != nil {
		return normTime(m[1])
	}
	return ""
}
