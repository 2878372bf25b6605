// Package instant is a moment in UTC and the civil-date arithmetic the engine needs, without
// package time: time's code, and the start-up its init brings (internal/godebug,
// internal/bisect, the runtime's metrics), cost the playground's WebAssembly module about 42 KB
// of brotli and part of its start. The engine takes its clock as a func() Time; the command,
// the MCP server and the tests pass time.Now's answer, the playground's shim JavaScript's
// Date.now().
//
// Days are counted with the well-known days-from-civil algorithm (proleptic Gregorian
// calendar, any year), so Date and Civil agree with time.Date and time.Time.Date in UTC; the
// tests compare them with package time.
package instant

// Time is an instant: seconds since 1970-01-01T00:00:00Z and nanoseconds into that second
// (0 to 999,999,999). The zero Time is the Unix epoch.
type Time struct {
	sec  int64
	nsec int32
}

// Duration is the span between two instants in nanoseconds, as time.Duration.
type Duration int64

const (
	secondsPerDay = 86400
	maxDuration   = Duration(1<<63 - 1)
	minDuration   = Duration(-1 << 63)
)

// Unix is the instant sec seconds and nsec nanoseconds after the Unix epoch; nsec may be
// outside 0 to 999,999,999, as with time.Unix.
func Unix(sec, nsec int64) Time {
	sec += nsec / 1e9
	nsec %= 1e9
	if nsec < 0 {
		sec--
		nsec += 1e9
	}
	return Time{sec, int32(nsec)}
}

// UnixMilli is the instant ms milliseconds after the Unix epoch.
func UnixMilli(ms int64) Time { return Unix(ms/1e3, ms%1e3*1e6) }

// Date is the instant of that date and clock in UTC, as time.Date(y, time.Month(mo), d, h, mi,
// s, ns, time.UTC): mo is 1 to 12; a day, hour, minute, second or nanosecond out of its range
// counts on (January 32 is February 1, second 60 the next minute's first).
func Date(y, mo, d, h, mi, s, ns int) Time {
	days := daysFromCivil(int64(y), int64(mo), 1) + int64(d) - 1
	return Unix(days*secondsPerDay+int64(h)*3600+int64(mi)*60+int64(s), int64(ns))
}

// Unix is t as seconds since the Unix epoch, rounded down.
func (t Time) Unix() int64 { return t.sec }

// Nanosecond is the nanosecond within t's second, 0 to 999,999,999.
func (t Time) Nanosecond() int { return int(t.nsec) }

// Civil is t's date and clock in UTC: year, month (1 to 12), day, hour, minute, second.
func (t Time) Civil() (y, mo, d, h, mi, s int) {
	days, rem := t.sec/secondsPerDay, t.sec%secondsPerDay
	if rem < 0 {
		days--
		rem += secondsPerDay
	}
	y64, mo, d := civilFromDays(days)
	return int(y64), mo, d, int(rem / 3600), int(rem % 3600 / 60), int(rem % 60)
}

// Sub is t-u, saturated at the largest or smallest Duration when it does not fit, as
// time.Time.Sub.
func (t Time) Sub(u Time) Duration {
	ds, dn := t.sec-u.sec, int64(t.nsec)-int64(u.nsec)
	if (t.sec^u.sec)&(t.sec^ds) < 0 { // ds overflowed
		return saturate(t, u)
	}
	// Give dn the sign of ds, so that d = ds*1e9 + dn fits exactly when ds and dn are in range.
	switch {
	case ds > 0 && dn < 0:
		ds, dn = ds-1, dn+1e9
	case ds < 0 && dn > 0:
		ds, dn = ds+1, dn-1e9
	}
	const limit, rest = int64(maxDuration) / 1e9, int64(maxDuration) % 1e9
	if ds > limit || ds == limit && dn > rest || ds < -limit || ds == -limit && dn < -rest-1 {
		return saturate(t, u)
	}
	return Duration(ds*1e9 + dn)
}

func saturate(t, u Time) Duration {
	if t.sec < u.sec || t.sec == u.sec && t.nsec < u.nsec {
		return minDuration
	}
	return maxDuration
}

// Seconds is d in seconds, as time.Duration.Seconds.
func (d Duration) Seconds() float64 {
	sec, nsec := d/1e9, d%1e9
	return float64(sec) + float64(nsec)/1e9
}

// daysFromCivil is the number of days from 1970-01-01 to y-mo-d (mo 1 to 12, d 1 to 31).
func daysFromCivil(y, mo, d int64) int64 {
	if mo <= 2 {
		y--
	}
	era := floorDiv(y, 400)
	yoe := y - era*400 // 0 to 399
	m := mo + 9        // March is month 0 of the year
	if mo > 2 {
		m = mo - 3
	}
	doy := (153*m+2)/5 + d - 1             // 0 to 365
	doe := yoe*365 + yoe/4 - yoe/100 + doy // 0 to 146096
	return era*146097 + doe - 719468
}

// civilFromDays is the date days days after 1970-01-01.
func civilFromDays(days int64) (y int64, mo, d int) {
	z := days + 719468
	era := floorDiv(z, 146097)
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d = int(doy - (153*mp+2)/5 + 1)
	mo = int(mp + 3)
	if mp >= 10 {
		mo = int(mp - 9)
	}
	y = yoe + era*400
	if mo <= 2 {
		y++
	}
	return y, mo, d
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && a < 0 {
		q--
	}
	return q
}
