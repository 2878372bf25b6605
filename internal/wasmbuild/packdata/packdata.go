// Package packdata rewrites the data section of a WebAssembly module that Go built so that the
// module compresses better, without changing what it does. Package wasmbuild runs it on the
// playground's module, between go build and compression, for ./build.sh wasm and for an
// installed errdocs alike.
//
// # Why
//
// Go's linker writes the module's initial memory as active data segments and starts a new
// segment at every run of 8 or more zero bytes, since memory starts zeroed. That makes the raw
// file as small as it can be, but not its brotli copy, which is what a browser downloads. Most
// of those segments come from one table the runtime uses to find a function by its program
// counter (findfunctab): a program counter in a Go module is a function's index times 65,536,
// so the table has 16 entries of 20 bytes per function, each 2 bytes of index and 18 zero
// bytes. For the playground that is about 57,000 segments of 2 bytes, each behind an 8-byte
// header whose offset brotli cannot predict; the zeros between them would cost it almost
// nothing. Packdata joins two neighbouring segments whenever fewer than MaxGap zero bytes lie
// between them, writing the zeros out. The memory the module starts with is byte for byte the
// same; every other section is copied as it is.
//
// It reads only what it rewrites, the section framing and the data section, so it needs no
// WebAssembly library. It accepts the segments Go's linker writes (active, memory 0, an
// i32.const offset) and refuses anything else with an error, leaving the file as it was.
package packdata

import (
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"slices"
)

// MaxGap bounds the runs of zero bytes written out to join two segments: runs shorter than
// MaxGap are. Measured on the playground's module (2026-12-04, brotli at quality 11): a bound
// of 16 joins few segments (8 KB less brotli); any bound from 24 to 1,024 takes 65–69 KB off,
// and 48 to 128 did best. Raw, the module grows by the zeros written out, about 650 KB.
const MaxGap = 64

// PackFile packs the module in the file name in place.
func PackFile(name string) (Stats, error) {
	mod, err := os.ReadFile(name)
	if err != nil {
		return Stats{}, err
	}
	packed, st, err := Pack(mod, MaxGap)
	if err != nil {
		return Stats{}, fmt.Errorf("%s: %w", name, err)
	}
	return st, os.WriteFile(name, packed, 0o644)
}

// Stats counts a module's data segments before and after packing.
type Stats struct{ Before, After int }

// Segment is one active data segment: Data is copied to memory at Offset.
type Segment struct {
	Offset uint32
	Data   []byte
}

const (
	sectionData      = 11
	sectionDataCount = 12
)

// Pack returns mod with neighbouring data segments joined across runs of fewer than maxGap
// zero bytes. A module without a data section comes back unchanged.
func Pack(mod []byte, maxGap int) ([]byte, Stats, error) {
	const header = "\x00asm\x01\x00\x00\x00"
	if len(mod) < len(header) || string(mod[:len(header)]) != header {
		return nil, Stats{}, errors.New("not a WebAssembly module (version 1)")
	}
	var st Stats
	out := make([]byte, 0, len(mod)+len(mod)/4)
	out = append(out, header...)
	r := reader{b: mod, pos: len(header)}
	for r.pos < len(r.b) {
		start := r.pos
		id := r.byte()
		size := r.u32()
		if r.err == nil && size > uint64(len(r.b)-r.pos) {
			r.fail("section %d at byte %d: %d bytes, past the end", id, start, size)
		}
		if r.err != nil {
			return nil, Stats{}, r.err
		}
		body := r.b[r.pos : r.pos+int(size)]
		r.pos += int(size)
		switch id {
		case sectionDataCount:
			return nil, Stats{}, errors.New("the module has a data count section; packdata packs only modules without one")
		case sectionData:
			segs, err := Segments(body)
			if err != nil {
				return nil, Stats{}, err
			}
			joined, err := join(segs, maxGap)
			if err != nil {
				return nil, Stats{}, err
			}
			st = Stats{Before: len(segs), After: len(joined)}
			body = encode(joined)
			out = append(out, id)
			out = binary.AppendUvarint(out, uint64(len(body)))
			out = append(out, body...)
		default:
			out = append(out, r.b[start:r.pos]...)
		}
	}
	return out, st, nil
}

// Segments decodes a data section's body, in the order of the section. It accepts only what
// Go's linker writes: active segments of memory 0 placed by an i32.const.
func Segments(body []byte) ([]Segment, error) {
	r := reader{b: body}
	n := r.u32()
	if r.err == nil && n > uint64(len(body)) {
		r.fail("%d data segments in %d bytes", n, len(body))
	}
	segs := make([]Segment, 0, n)
	for i := uint64(0); i < n && r.err == nil; i++ {
		if flags := r.u32(); flags != 0 && r.err == nil {
			r.fail("data segment %d: kind %d; only active segments of memory 0 are packed", i, flags)
		}
		if op := r.byte(); op != 0x41 && r.err == nil { // i32.const
			r.fail("data segment %d: its offset is not an i32.const", i)
		}
		off := r.i32()
		if off < 0 && r.err == nil {
			r.fail("data segment %d: offset %d", i, off)
		}
		if end := r.byte(); end != 0x0b && r.err == nil {
			r.fail("data segment %d: its offset is not one i32.const", i)
		}
		size := r.u32()
		if r.err == nil && size > uint64(len(r.b)-r.pos) {
			r.fail("data segment %d: %d bytes, past the end of the section", i, size)
		}
		if r.err != nil {
			break
		}
		segs = append(segs, Segment{Offset: uint32(off), Data: r.b[r.pos : r.pos+int(size)]})
		r.pos += int(size)
	}
	if r.err == nil && r.pos != len(body) {
		r.fail("%d bytes after the last data segment", len(body)-r.pos)
	}
	return segs, r.err
}

// join sorts segments by offset and merges each into the one before when fewer than maxGap
// bytes lie between them. Segments that overlap are refused: the order in which they are
// copied would matter. Segments that do not overlap can be copied in any order, so the sorted
// and joined segments leave memory as the section did.
func join(segs []Segment, maxGap int) ([]Segment, error) {
	sorted := slices.Clone(segs)
	slices.SortStableFunc(sorted, func(a, b Segment) int { return cmp.Compare(a.Offset, b.Offset) })
	var out []Segment
	for _, s := range sorted {
		if n := len(out); n > 0 {
			last := &out[n-1]
			end := uint64(last.Offset) + uint64(len(last.Data))
			off := uint64(s.Offset)
			if off < end {
				return nil, fmt.Errorf("data segments overlap at offset %d", off)
			}
			if off-end < uint64(maxGap) {
				last.Data = append(last.Data, make([]byte, off-end)...)
				last.Data = append(last.Data, s.Data...)
				continue
			}
		}
		out = append(out, Segment{Offset: s.Offset, Data: slices.Clone(s.Data)})
	}
	return out, nil
}

// encode writes a data section's body, as Go's linker does.
func encode(segs []Segment) []byte {
	size := 5
	for _, s := range segs {
		size += 13 + len(s.Data)
	}
	b := binary.AppendUvarint(make([]byte, 0, size), uint64(len(segs)))
	for _, s := range segs {
		b = append(b, 0, 0x41) // active, memory 0; i32.const
		b = appendInt32(b, int32(s.Offset))
		b = append(b, 0x0b) // end
		b = binary.AppendUvarint(b, uint64(len(s.Data)))
		b = append(b, s.Data...)
	}
	return b
}

// appendInt32 appends v in signed LEB128.
func appendInt32(b []byte, v int32) []byte {
	for {
		c := byte(v & 0x7f)
		v >>= 7
		if (v == 0 && c&0x40 == 0) || (v == -1 && c&0x40 != 0) {
			return append(b, c)
		}
		b = append(b, c|0x80)
	}
}

// reader reads LEB128 numbers and bytes; its first error sticks.
type reader struct {
	b   []byte
	pos int
	err error
}

func (r *reader) fail(format string, args ...any) {
	if r.err == nil {
		r.err = fmt.Errorf(format, args...)
	}
}

func (r *reader) byte() byte {
	if r.err != nil {
		return 0
	}
	if r.pos >= len(r.b) {
		r.fail("truncated at byte %d", r.pos)
		return 0
	}
	r.pos++
	return r.b[r.pos-1]
}

// u32 reads an unsigned LEB128 number of at most 32 bits.
func (r *reader) u32() uint64 {
	var v uint64
	for shift := 0; ; shift += 7 {
		c := r.byte()
		if r.err != nil {
			return 0
		}
		if shift > 28 {
			r.fail("a number longer than 32 bits at byte %d", r.pos-1)
			return 0
		}
		v |= uint64(c&0x7f) << shift
		if c < 0x80 {
			return v
		}
	}
}

// i32 reads a signed LEB128 number of at most 32 bits.
func (r *reader) i32() int32 {
	var v int64
	for shift := 0; ; shift += 7 {
		c := r.byte()
		if r.err != nil {
			return 0
		}
		if shift > 28 {
			r.fail("a number longer than 32 bits at byte %d", r.pos-1)
			return 0
		}
		v |= int64(c&0x7f) << shift
		if c < 0x80 {
			if c&0x40 != 0 {
				v -= 1 << (shift + 7)
			}
			return int32(v)
		}
	}
}
