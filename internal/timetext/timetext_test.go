package timetext

import (
	"os"
	"testing"
	"time"
)

// TestMain gives Local no zone abbreviations, as the browser's Local has none that a parsed
// abbreviation can match (see the package comment): time.Parse then answers as it does there,
// whatever zone the machine running the tests is in.
func TestMain(m *testing.M) {
	time.Local = time.UTC
	os.Exit(m.Run())
}

var httpLayouts = []string{time.RFC1123, "Monday, 02-Jan-06 15:04:05 MST", time.ANSIC}

// parseHTTPDate is what engine's Retry-After reading did before HTTPDate.
func parseHTTPDate(s string) (time.Time, bool) {
	for _, layout := range httpLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// check compares each function with time.Parse on s.
func check(t *testing.T, s string) {
	t.Helper()
	_, err := time.Parse("2006-01-02", s)
	if got, want := Date(s), err == nil; got != want {
		t.Errorf("Date(%q) = %v, time.Parse says %v (%v)", s, got, want, err)
	}
	_, err = time.Parse(time.RFC3339, s)
	_, errNano := time.Parse(time.RFC3339Nano, s)
	if (err == nil) != (errNano == nil) {
		t.Errorf("time.Parse answers %q differently with RFC3339 (%v) and RFC3339Nano (%v)", s, err, errNano)
	}
	if got, want := RFC3339(s), err == nil || errNano == nil; got != want {
		t.Errorf("RFC3339(%q) = %v, time.Parse says %v (%v)", s, got, want, err)
	}
	want, wantOK := parseHTTPDate(s)
	got, ok := HTTPDate(s)
	if ok != wantOK || ok && (got.Unix() != want.Unix() || got.Nanosecond() != want.Nanosecond()) {
		t.Errorf("HTTPDate(%q) = %v, %v; time.Parse says %v, %v", s, got, ok, want, wantOK)
	}
}

var cases = []string{
	"", " ", "2026", "2026-", "2026-12", "2026-12-", "2026-12-0",

	// date
	"2026-12-04", "0000-01-01", "9999-12-31", "2024-02-29", "2023-02-29", "2000-02-29",
	"1900-02-29", "2024-02-30", "2026-04-31", "2026-06-30", "2026-09-31", "2026-11-31",
	"2026-12-31", "2026-12-32", "2026-13-01", "2026-00-10", "2026-12-00", "2026-1-04",
	"2026-12-4", "26-12-04", "+026-12-04", "-026-12-04", "2026-12-04 ", " 2026-12-04",
	"2026-12-04x", "2026/12/04", "２026-12-04", "2026-12-04\n", "20261204",

	// date-time
	"2026-12-04T10:00:00Z", "2026-12-04t10:00:00Z", "2026-12-04T10:00:00z", "2026-12-04 10:00:00Z",
	"2026-12-04T10:00:00.123Z", "2026-12-04T10:00:00,123Z", "2026-12-04T10:00:00.Z",
	"2026-12-04T10:00:00.1234567891234Z", "2026-12-04T10:00:00.000000000Z",
	"2026-12-04T10:00:00..1Z", "2026-12-04T10:00:00.1.2Z", "2026-12-04T24:00:00Z",
	"2026-12-04T23:59:59Z", "2026-12-04T23:60:00Z", "2026-12-04T23:59:60Z", "2026-12-04T9:00:00Z",
	"2026-12-04T09:0:00Z", "2026-12-04T09:00:0Z", "2026-12-04T10:00:00", "2026-12-04T10:00Z",
	"2026-12-04T10:00:00+01:00", "2026-12-04T10:00:00-01:00", "2026-12-04T10:00:00+23:59",
	"2026-12-04T10:00:00+24:00", "2026-12-04T10:00:00+24:60", "2026-12-04T10:00:00+25:00",
	"2026-12-04T10:00:00+00:61", "2026-12-04T10:00:00+0100", "2026-12-04T10:00:00+01",
	"2026-12-04T10:00:00+01:00:00", "2026-12-04T10:00:00 +01:00", "2026-12-04T10:00:00*01:00",
	"2026-12-04T10:00:00+1:00", "2026-12-04T10:00:00+01:0", "2026-12-04T10:00:00ZZ",
	"2026-12-04T10:00:00Z ", "2026-12-04T10:00:00.5+01:00", "2024-02-29T00:00:00Z",
	"2023-02-29T00:00:00Z", "2026-04-31T00:00:00Z", "2026-12-04T10:00:00UTC",
	"2026-12-04T10:00:00.123456789-23:59", "2026-12-04T-1:00:00Z", "2026-12-04T+1:00:00Z",

	// RFC 1123
	"Fri, 04 Dec 2026 10:00:05 GMT", "Fri, 04 Dec 2026 10:00:05 UTC", "fri, 04 dec 2026 10:00:05 GMT",
	"FRI, 04 DEC 2026 10:00:05 GMT", "Mon, 04 Dec 2026 10:00:05 GMT", "Fri, 4 Dec 2026 10:00:05 GMT",
	"Fri,  04  Dec   2026 10:00:05   GMT", "Fri,04 Dec 2026 10:00:05 GMT", "Fri, 04 Dec 2026 10:00:05",
	"Fri, 04 Dec 2026 10:00:05 ", "Fri, 04 Dec 2026 10:00:05 GMT ", "Fri, 04 Dec 2026 10:00:05 gmt",
	"Fri, 04 Dec 2026 10:00:05 EST", "Fri, 04 Dec 2026 10:00:05 CEST", "Fri, 04 Dec 2026 10:00:05 ABCDT",
	"Fri, 04 Dec 2026 10:00:05 ABCDE", "Fri, 04 Dec 2026 10:00:05 ABCDEF", "Fri, 04 Dec 2026 10:00:05 WITA",
	"Fri, 04 Dec 2026 10:00:05 ChST", "Fri, 04 Dec 2026 10:00:05 MeST", "Fri, 04 Dec 2026 10:00:05 AB",
	"Fri, 04 Dec 2026 10:00:05 GMT+3", "Fri, 04 Dec 2026 10:00:05 GMT-11", "Fri, 04 Dec 2026 10:00:05 GMT+23",
	"Fri, 04 Dec 2026 10:00:05 GMT+24", "Fri, 04 Dec 2026 10:00:05 GMT+003", "Fri, 04 Dec 2026 10:00:05 GMT+",
	"Fri, 04 Dec 2026 10:00:05 GMT+99999999999999999999", "Fri, 04 Dec 2026 10:00:05 +03",
	"Fri, 04 Dec 2026 10:00:05 -0300", "Fri, 04 Dec 2026 10:00:05 +", "Fri, 04 Dec 2026 10:00:05 UTC+3",
	"Fri, 04 Dec 2026 10:00:05.250 GMT", "Fri, 04 Dec 2026 10:00:05,250 GMT", "Fri, 04 Dec 2026 24:00:05 GMT",
	"Fri, 04 Dec 2026 5:00:05 GMT", "Fri, 04 Dec 2026 10:60:05 GMT", "Fri, 04 Dec 2026 10:00:60 GMT",
	"Sat, 29 Feb 2024 10:00:05 GMT", "Sun, 29 Feb 2025 10:00:05 GMT", "Thu, 31 Apr 2026 10:00:05 GMT",
	"Fri, 00 Dec 2026 10:00:05 GMT", "Fri, 04 Dec 26 10:00:05 GMT", "Friday, 04 Dec 2026 10:00:05 GMT",

	// RFC 850
	"Friday, 04-Dec-26 10:00:05 GMT", "Friday, 04-Dec-69 10:00:05 GMT", "Friday, 04-Dec-68 10:00:05 GMT",
	"Friday, 04-Dec-00 10:00:05 GMT", "Friday, 04-Dec-99 10:00:05 GMT", "Friday, 04-Dec--5 10:00:05 GMT",
	"Friday, 04-Dec-+5 10:00:05 GMT", "Friday, 04-Dec-2026 10:00:05 GMT", "friday, 04-dec-26 10:00:05 gmt",
	"FRIDAY, 04-DEC-26 10:00:05 PST", "Fri, 04-Dec-26 10:00:05 GMT", "Friday, 4-Dec-26 10:00:05 GMT",
	"Thursday, 29-Feb-24 10:00:05 GMT", "Thursday, 29-Feb-00 10:00:05 GMT", "Thursday, 29-Feb-23 10:00:05 GMT",
	"Funday, 04-Dec-26 10:00:05 GMT", "Friday, 04-Dec-26 10:00:05.5 GMT+1", "Friday,04-Dec-26 10:00:05 GMT",

	// ANSI C
	"Fri Dec  4 10:00:05 2026", "Fri Dec 4 10:00:05 2026", "Fri Dec 04 10:00:05 2026", "Fri Dec 14 10:00:05 2026",
	"Fri Dec   4 10:00:05 2026", "Fri Dec 123 10:00:05 2026", "Fri Dec  4 10:00:05 26", "Fri Dec  4 10:00:05 2026 ",
	"Fri Dec  4 10:00:05 2026 GMT", "Thu Feb 29 10:00:05 2024", "Thu Feb 29 10:00:05 2023", "Fri Dec  0 10:00:05 2026",
	"Fri Dec  4 10:00:05.999999999 2026", "Fri Dec  4 10:00:05. 2026", "fri dec  4 1:00:05 2026", "Fri Dec  4 10:00:05  2026",
}

func TestAgainstTimeParse(t *testing.T) {
	for _, s := range cases {
		check(t, s)
	}
}

// TestCasesAccept keeps the table honest: it holds strings each function accepts, so that the
// comparison above is not only of two rejections.
func TestCasesAccept(t *testing.T) {
	var date, dt, http int
	for _, s := range cases {
		if Date(s) {
			date++
		}
		if RFC3339(s) {
			dt++
		}
		if _, ok := HTTPDate(s); ok {
			http++
		}
	}
	if date < 5 || dt < 10 || http < 20 {
		t.Errorf("the table has %d dates, %d date-times and %d HTTP dates that parse; want more", date, dt, http)
	}
}

func TestHTTPDateInstant(t *testing.T) {
	got, ok := HTTPDate("Friday, 04-Dec-26 10:00:05.5 GMT+1")
	want := time.Date(2026, 12, 4, 10, 0, 5, 5e8, time.UTC) // the zone is a label only
	if !ok || got.Unix() != want.Unix() || got.Nanosecond() != want.Nanosecond() {
		t.Errorf("got %v, %v; want %v", got, ok, want)
	}
}

func FuzzAgainstTimeParse(f *testing.F) {
	for _, s := range cases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { check(t, s) })
}
