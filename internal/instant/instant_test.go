package instant

import (
	"math"
	"math/rand/v2"
	"testing"
	"time"
)

// same fails unless got is the instant want is.
func same(t *testing.T, what string, got Time, want time.Time) {
	t.Helper()
	if got.Unix() != want.Unix() || got.Nanosecond() != want.Nanosecond() {
		t.Fatalf("%s = %d.%09d, time says %d.%09d (%v)", what, got.Unix(), got.Nanosecond(), want.Unix(), want.Nanosecond(), want)
	}
	y, mo, d, h, mi, s := got.Civil()
	wy, wmo, wd := want.UTC().Date()
	wh, wmi, ws := want.UTC().Clock()
	if y != wy || mo != int(wmo) || d != wd || h != wh || mi != wmi || s != ws {
		t.Fatalf("%s: Civil = %d-%d-%d %d:%d:%d, time says %v", what, y, mo, d, h, mi, s, want.UTC())
	}
}

func TestDateAgreesWithTime(t *testing.T) {
	cases := [][7]int{
		{1970, 1, 1, 0, 0, 0, 0},
		{1969, 12, 31, 23, 59, 59, 999999999},
		{2026, 12, 4, 10, 0, 5, 123000000},
		{2024, 2, 29, 0, 0, 0, 0},
		{2023, 2, 29, 0, 0, 0, 0}, // March 1
		{2026, 2, 31, 0, 0, 0, 0}, // triage's reader lets day 31 through for any month
		{2026, 12, 31, 23, 59, 60, 0},
		{2000, 3, 1, 0, 0, -3600, 0}, // an offset taken off
		{1900, 2, 28, 24, 0, 0, 0},
		{0, 1, 1, 0, 0, -1, 0}, // year -1
		{-400, 3, 1, 0, 0, 0, 0},
		{9999, 12, 31, 23, 59, 59, 999999999},
		{1, 1, 1, 0, 0, 0, 0},
	}
	for _, c := range cases {
		same(t, "Date", Date(c[0], c[1], c[2], c[3], c[4], c[5], c[6]), time.Date(c[0], time.Month(c[1]), c[2], c[3], c[4], c[5], c[6], time.UTC))
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 100000 {
		c := [7]int{r.IntN(20000) - 10000, r.IntN(12) + 1, r.IntN(31) + 1, r.IntN(24), r.IntN(60), r.IntN(61) - 86400*r.IntN(2), r.IntN(1e9)}
		same(t, "Date", Date(c[0], c[1], c[2], c[3], c[4], c[5], c[6]), time.Date(c[0], time.Month(c[1]), c[2], c[3], c[4], c[5], c[6], time.UTC))
	}
}

func TestUnixAgreesWithTime(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for _, ms := range []int64{0, -1, 1, 1764844800123, -62135596800000, 9999999999999} {
		same(t, "UnixMilli", UnixMilli(ms), time.UnixMilli(ms))
	}
	for range 100000 {
		sec, nsec := r.Int64N(1<<40)-1<<39, r.Int64N(4e9)-2e9
		same(t, "Unix", Unix(sec, nsec), time.Unix(sec, nsec))
		ms := r.Int64N(1<<50) - 1<<49
		same(t, "UnixMilli", UnixMilli(ms), time.UnixMilli(ms))
	}
}

func TestSubAgreesWithTime(t *testing.T) {
	limit := int64(math.MaxInt64) / 1e9
	secs := []int64{0, 1, -1, limit, limit + 1, -limit, -limit - 1, 2 * limit, math.MaxInt64 / 2, math.MinInt64 / 2}
	nsecs := []int64{0, 1, 854775807, 854775808, 854775809, 999999999}
	for _, s1 := range secs {
		for _, s2 := range secs {
			for _, n1 := range nsecs {
				for _, n2 := range nsecs {
					a, b := Unix(s1, n1), Unix(s2, n2)
					got, want := a.Sub(b), time.Unix(s1, n1).Sub(time.Unix(s2, n2))
					if int64(got) != int64(want) || got.Seconds() != want.Seconds() {
						t.Fatalf("(%d.%09d).Sub(%d.%09d) = %d, time says %d", s1, n1, s2, n2, got, want)
					}
				}
			}
		}
	}
	// The engine's case: an HTTP date in year 9999 against 2026 saturates.
	got := Date(9999, 12, 31, 23, 59, 59, 0).Sub(Date(2026, 12, 4, 10, 0, 0, 0))
	want := time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC).Sub(time.Date(2026, 12, 4, 10, 0, 0, 0, time.UTC))
	if int64(got) != int64(want) || got.Seconds() != want.Seconds() {
		t.Fatalf("Sub = %d, time says %d", got, want)
	}
}
