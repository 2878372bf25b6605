package catalog

import (
	"slices"
	"testing"
)

func TestPresets(t *testing.T) {
	list := Presets()
	if len(list) != len(presets)-1 || slices.ContainsFunc(list, func(s *Shape) bool { return s.Name == "problem+json" }) {
		t.Errorf("Presets() = %d shapes, want every preset but problem+json", len(list))
	}
	for i := range presets {
		p := &presets[i]
		if len(p.Match) == 0 || p.Strength == "" || p.Code == "" || p.Message == "" {
			t.Errorf("preset %s lacks a match, strength, code or message", p.Name)
		}
		if got := (&Shape{Preset: p.Name}).WithPreset(); got == nil || got.Name != p.Name || got.Code != p.Code {
			t.Errorf("WithPreset(%s) = %+v", p.Name, got)
		}
	}
	if (&Shape{Preset: "nope"}).WithPreset() != nil {
		t.Error("an unknown preset gives a shape")
	}
	own := &Shape{Name: "mine"}
	if own.WithPreset() != own {
		t.Error("a shape with no preset is not itself")
	}
	s := (&Shape{Preset: "stripe", Name: "pebble", Code: "error.code", Match: map[string]string{"error": "object"}, Allow2xx: true}).WithPreset()
	if s.Name != "pebble" || s.Code != "error.code" || len(s.Match) != 1 || !s.Allow2xx || s.SubCode != "error.decline_code" || s.Preset != "stripe" {
		t.Errorf("overrides not applied: %+v", s)
	}
	if presets[0].Code != "error.code | error.type" {
		t.Error("WithPreset changed the preset itself")
	}
}

func TestRequestIDIn(t *testing.T) {
	s := &Shape{RequestIDPattern: `\breq_[A-Za-z0-9]+`}
	g := &Shape{RequestIDPattern: `^/requests/(.+)$`}
	if err := s.compile(); err != nil {
		t.Fatal(err)
	}
	if err := g.compile(); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		shape   *Shape
		in, out string
	}{
		{s, "https://dashboard.example.test/logs/req_8Hd2kQ9a?t=1", "req_8Hd2kQ9a"},
		{s, "req_1", "req_1"},
		{s, "no id here", ""},
		{g, "/requests/7f3c21", "7f3c21"},
		{&Shape{}, "anything", "anything"},
	} {
		if got := tc.shape.RequestIDIn(tc.in); got != tc.out {
			t.Errorf("RequestIDIn(%q) = %q, want %q", tc.in, got, tc.out)
		}
	}
}
