//go:build !js

package packdata

import (
	"bytes"
	"encoding/binary"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// section frames a section body.
func section(id byte, body []byte) []byte {
	b := binary.AppendUvarint([]byte{id}, uint64(len(body)))
	return append(b, body...)
}

// module assembles a module from sections.
func module(sections ...[]byte) []byte {
	return slices.Concat(append([][]byte{[]byte("\x00asm\x01\x00\x00\x00")}, sections...)...)
}

// image returns the memory a module's data section leaves, from byte 0 to the end of its last
// segment, copying segments in their order as an engine does.
func image(t *testing.T, mod []byte) []byte {
	t.Helper()
	var mem []byte
	r := reader{b: mod, pos: 8}
	for r.pos < len(mod) {
		id := r.byte()
		size := int(r.u32())
		body := mod[r.pos : r.pos+size]
		r.pos += size
		if id != sectionData {
			continue
		}
		segs, err := Segments(body)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range segs {
			if end := int(s.Offset) + len(s.Data); end > len(mem) {
				mem = append(mem, make([]byte, end-len(mem))...)
			}
			copy(mem[s.Offset:], s.Data)
		}
	}
	if r.err != nil {
		t.Fatal(r.err)
	}
	return mem
}

// others returns a module's sections other than the data section, framed, in order.
func others(t *testing.T, mod []byte) [][]byte {
	t.Helper()
	var out [][]byte
	r := reader{b: mod, pos: 8}
	for r.pos < len(mod) {
		start := r.pos
		id := r.byte()
		r.pos += int(r.u32())
		if id != sectionData {
			out = append(out, mod[start:r.pos])
		}
	}
	return out
}

// TestPack packs a small module whose segments are out of order, as Go's linker writes them
// (one memory section after another), and checks that memory and the other sections stay the
// same.
func TestPack(t *testing.T) {
	data := encode([]Segment{
		{Offset: 0x2000, Data: []byte("xy")},
		{Offset: 0x100, Data: []byte("ab")},
		{Offset: 0x110, Data: []byte("cd")},   // 14 zero bytes after "ab": joined
		{Offset: 0x151, Data: []byte("ef")},   // 63 after "cd": joined
		{Offset: 0x193, Data: []byte("gh")},   // 64 after "ef": not joined
		{Offset: 0x3fff0, Data: []byte("ij")}, // a three-byte offset
	})
	mod := module(
		section(0, []byte("\x04namefunction names")),
		section(1, []byte{1, 0x60, 0, 0}),
		section(sectionData, data),
		section(0, []byte("\x0bgo:buildidabc")),
	)
	got, st, err := Pack(mod, 64)
	if err != nil {
		t.Fatal(err)
	}
	if st != (Stats{Before: 6, After: 4}) {
		t.Errorf("stats %+v, want 6 segments joined into 4", st)
	}
	if !bytes.Equal(image(t, got), image(t, mod)) {
		t.Error("the packed module's memory differs")
	}
	if !slices.EqualFunc(others(t, got), others(t, mod), bytes.Equal) {
		t.Error("the other sections changed")
	}
	r := reader{b: got, pos: 8}
	for r.pos < len(got) {
		id := r.byte()
		size := int(r.u32())
		if id == sectionData {
			segs, _ := Segments(got[r.pos : r.pos+size])
			var offs []uint32
			for _, s := range segs {
				offs = append(offs, s.Offset)
			}
			if want := []uint32{0x100, 0x193, 0x2000, 0x3fff0}; !slices.Equal(offs, want) {
				t.Errorf("segments at %#x, want %#x", offs, want)
			}
			if want := "ab" + strings.Repeat("\x00", 14) + "cd" + strings.Repeat("\x00", 63) + "ef"; string(segs[0].Data) != want {
				t.Errorf("first segment %q, want %q", segs[0].Data, want)
			}
		}
		r.pos += size
	}
	again, st, err := Pack(got, 64)
	if err != nil || !bytes.Equal(again, got) || st.Before != st.After {
		t.Errorf("packing twice changed the module (%+v, %v)", st, err)
	}
	plain := module(section(1, []byte{1, 0x60, 0, 0}))
	if got, _, err := Pack(plain, 64); err != nil || !bytes.Equal(got, plain) {
		t.Errorf("a module without data changed: %v", err)
	}
}

// TestPackRefuses checks that what packdata does not understand is an error, not a panic or
// a module that does something else.
func TestPackRefuses(t *testing.T) {
	seg := func(b ...byte) []byte { return module(section(sectionData, b)) }
	for _, tc := range []struct {
		name, want string
		mod        []byte
	}{
		{"not wasm", "not a WebAssembly module", []byte("\x00asm\x02\x00\x00\x00")},
		{"empty", "not a WebAssembly module", nil},
		{"section past the end", "past the end", append(module(), 1, 10, 0)},
		{"truncated size", "truncated", append(module(), 1, 0x80)},
		{"data count", "data count", module(section(sectionDataCount, []byte{0}))},
		{"passive segment", "kind 1", seg(1, 1, 0, 0)},
		{"i64 offset", "not an i32.const", seg(1, 0, 0x42, 0, 0x0b, 0)},
		{"two instructions", "not one i32.const", seg(1, 0, 0x41, 0, 0x41, 0, 0x0b, 0)},
		{"negative offset", "offset -1", seg(1, 0, 0x41, 0x7f, 0x0b, 1, 'a')},
		{"long number", "longer than 32 bits", seg(1, 0, 0x41, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01, 0x0b, 0)},
		{"segment past the end", "past the end of the section", seg(1, 0, 0x41, 0, 0x0b, 5, 'a')},
		{"too many segments", "data segments in", seg(9, 0)},
		{"trailing bytes", "after the last data segment", seg(1, 0, 0x41, 0, 0x0b, 1, 'a', 'b')},
		{"overlap", "overlap at offset 1", seg(2, 0, 0x41, 0, 0x0b, 2, 'a', 'b', 0, 0x41, 1, 0x0b, 1, 'c')},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := Pack(tc.mod, 64)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want one that says %q", err, tc.want)
			}
		})
	}
}

// TestShippedModule packs the playground module ./build.sh wasm built, when there is one, and
// checks that its memory stays the same.
func TestShippedModule(t *testing.T) {
	mod, err := os.ReadFile(filepath.Join("..", "..", "..", "static", "errdocs.wasm"))
	if os.IsNotExist(err) {
		t.Skip("no static/errdocs.wasm: run ./build.sh wasm")
	}
	if err != nil {
		t.Fatal(err)
	}
	got, _, err := Pack(mod, MaxGap)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(image(t, got), image(t, mod)) {
		t.Error("the packed module's memory differs")
	}
	if !slices.EqualFunc(others(t, got), others(t, mod), bytes.Equal) {
		t.Error("the other sections changed")
	}
}

// TestPackFile packs a module in a file in place.
func TestPackFile(t *testing.T) {
	name := filepath.Join(t.TempDir(), "m.wasm")
	mod := module(section(sectionData, encode([]Segment{{Offset: 8, Data: []byte("a")}, {Offset: 10, Data: []byte("b")}})))
	if err := os.WriteFile(name, mod, 0o644); err != nil {
		t.Fatal(err)
	}
	st, err := PackFile(name)
	if err != nil {
		t.Fatal(err)
	}
	if st != (Stats{Before: 2, After: 1}) {
		t.Errorf("stats %+v, want 2 joined into 1", st)
	}
	got, _ := os.ReadFile(name)
	if want := module(section(sectionData, encode([]Segment{{Offset: 8, Data: []byte("a\x00b")}}))); !bytes.Equal(got, want) {
		t.Errorf("wrote % x, want % x", got, want)
	}
	if _, err := PackFile(filepath.Join(t.TempDir(), "missing.wasm")); err == nil {
		t.Error("a missing file: no error")
	}
}
