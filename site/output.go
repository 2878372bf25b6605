package site

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"
)

// Output receives the files of a build.
type Output interface {
	// WriteFile stores data under name, a slash-separated path relative to the site's root.
	// data is reused once WriteFile returns: keep a copy, not the slice.
	WriteFile(name string, data []byte) error
}

// DirOutput returns an Output that writes under dir, creating folders as needed. When a build
// finishes, it deletes the files the previous build into dir wrote and this one did not (a page
// whose Markdown was removed), as listed in dir's manifest file; it never deletes a file no
// errdocs build wrote.
func DirOutput(dir string) Output {
	return &dirOutput{root: dir, made: map[string]bool{}, wrote: map[string]bool{}}
}

// appendOutput is an Output that can also take a file in pieces, so a big file the build
// assembles (llms-full.txt) goes out as it is made instead of waiting whole in memory. The first
// AppendFile of a name in a build replaces what was there; CloseAppends ends every such file.
// An Output without it gets the pieces joined into one WriteFile.
type appendOutput interface {
	Output
	AppendFile(name string, data []byte) error
	CloseAppends() error
}

// manifestName lists, one a line, the files the last build wrote into an output folder.
const manifestName = ".errdocs-files"

type dirOutput struct {
	root  string
	made  map[string]bool
	wrote map[string]bool
	open  map[string]*os.File // files taken in pieces (AppendFile), until CloseAppends
}

// Finish deletes what the previous build wrote and this one did not, then records this build's
// files. Build calls it after a build without errors.
func (o *dirOutput) Finish() error {
	manifest := filepath.Join(o.root, manifestName)
	if old, err := os.ReadFile(manifest); err == nil {
		for _, name := range strings.Split(string(old), "\n") {
			if name == "" || o.wrote[name] || !fs.ValidPath(name) {
				continue
			}
			full := filepath.Join(o.root, filepath.FromSlash(name))
			if err := os.Remove(full); err != nil && !os.IsNotExist(err) {
				return fmt.Errorf("remove stale %s: %w", name, err)
			}
			// Remove the folders it leaves empty, up to the root.
			for dir := filepath.Dir(full); dir != filepath.Clean(o.root); dir = filepath.Dir(dir) {
				if os.Remove(dir) != nil {
					break
				}
			}
		}
	}
	names := make([]string, 0, len(o.wrote))
	for name := range o.wrote {
		names = append(names, name)
	}
	sort.Strings(names)
	return os.WriteFile(manifest, []byte(strings.Join(names, "\n")+"\n"), 0o644)
}

func (o *dirOutput) WriteFile(name string, data []byte) error {
	o.wrote[name] = true
	full, err := o.path(name)
	if err != nil {
		return err
	}
	return os.WriteFile(full, data, 0o644)
}

// path is name's place on disk, its folder made.
func (o *dirOutput) path(name string) (string, error) {
	full := filepath.Join(o.root, filepath.FromSlash(name))
	dir := filepath.Dir(full)
	if !o.made[dir] {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return "", err
		}
		o.made[dir] = true
	}
	return full, nil
}

// AppendFile implements appendOutput.
func (o *dirOutput) AppendFile(name string, data []byte) error {
	f := o.open[name]
	if f == nil {
		o.wrote[name] = true
		full, err := o.path(name)
		if err != nil {
			return err
		}
		if f, err = os.Create(full); err != nil {
			return err
		}
		if o.open == nil {
			o.open = map[string]*os.File{}
		}
		o.open[name] = f
	}
	_, err := f.Write(data)
	return err
}

// CloseAppends implements appendOutput.
func (o *dirOutput) CloseAppends() error {
	var first error
	for name, f := range o.open {
		if err := f.Close(); err != nil && first == nil {
			first = err
		}
		delete(o.open, name)
	}
	return first
}

// MemOutput keeps a built site in memory and serves it as an fs.FS. errdocs serve builds into
// one, so a rebuild touches no disk.
type MemOutput struct {
	mu        sync.RWMutex
	files     map[string][]byte
	built     time.Time
	appending map[string]bool // files being taken in pieces (AppendFile)
}

// NewMemOutput returns an empty MemOutput.
func NewMemOutput() *MemOutput { return &MemOutput{files: map[string][]byte{}, built: time.Now()} }

// WriteFile implements Output.
func (m *MemOutput) WriteFile(name string, data []byte) error {
	data = bytes.Clone(data)
	m.mu.Lock()
	m.files[name] = data
	m.mu.Unlock()
	return nil
}

// AppendFile implements appendOutput.
func (m *MemOutput) AppendFile(name string, data []byte) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.appending == nil {
		m.appending = map[string]bool{}
	}
	if !m.appending[name] {
		m.appending[name] = true
		m.files[name] = nil
	}
	m.files[name] = append(m.files[name], data...)
	return nil
}

// CloseAppends implements appendOutput.
func (m *MemOutput) CloseAppends() error {
	m.mu.Lock()
	m.appending = nil
	m.mu.Unlock()
	return nil
}

// File returns the file at name and whether it exists.
func (m *MemOutput) File(name string) ([]byte, bool) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	d, ok := m.files[name]
	return d, ok
}

// Names lists the files, sorted.
func (m *MemOutput) Names() []string {
	m.mu.RLock()
	defer m.mu.RUnlock()
	out := make([]string, 0, len(m.files))
	for n := range m.files {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// Open implements fs.FS, for http.FileServerFS and tests.
func (m *MemOutput) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	m.mu.RLock()
	defer m.mu.RUnlock()
	if d, ok := m.files[name]; ok {
		return &memFile{name: path.Base(name), r: strings.NewReader(string(d)), size: int64(len(d)), mod: m.built}, nil
	}
	prefix := name + "/"
	if name == "." {
		prefix = ""
	}
	seen := map[string]bool{}
	var ents []fs.DirEntry
	for n := range m.files {
		rest, ok := strings.CutPrefix(n, prefix)
		if !ok {
			continue
		}
		first, _, sub := strings.Cut(rest, "/")
		if seen[first] {
			continue
		}
		seen[first] = true
		ents = append(ents, memDirEntry{name: first, dir: sub, size: int64(len(m.files[n]))})
	}
	if len(ents) == 0 {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	sort.Slice(ents, func(i, j int) bool { return ents[i].Name() < ents[j].Name() })
	return &memDir{name: path.Base(name), ents: ents, mod: m.built}, nil
}

type memFile struct {
	name string
	r    *strings.Reader
	size int64
	mod  time.Time
}

func (f *memFile) Stat() (fs.FileInfo, error) { return memInfo{f.name, f.size, false, f.mod}, nil }
func (f *memFile) Read(p []byte) (int, error) { return f.r.Read(p) }
func (f *memFile) Seek(off int64, whence int) (int64, error) {
	return f.r.Seek(off, whence)
}
func (f *memFile) Close() error { return nil }

type memDir struct {
	name string
	ents []fs.DirEntry
	mod  time.Time
	off  int
}

func (d *memDir) Stat() (fs.FileInfo, error) { return memInfo{d.name, 0, true, d.mod}, nil }
func (d *memDir) Read([]byte) (int, error) {
	return 0, &fs.PathError{Op: "read", Path: d.name, Err: fs.ErrInvalid}
}
func (d *memDir) Close() error { return nil }
func (d *memDir) ReadDir(n int) ([]fs.DirEntry, error) {
	rest := d.ents[d.off:]
	if n > 0 && len(rest) > n {
		rest = rest[:n]
	}
	d.off += len(rest)
	return rest, nil
}

type memDirEntry struct {
	name string
	dir  bool
	size int64
}

func (e memDirEntry) Name() string { return e.name }
func (e memDirEntry) IsDir() bool  { return e.dir }
func (e memDirEntry) Type() fs.FileMode {
	if e.dir {
		return fs.ModeDir
	}
	return 0
}
func (e memDirEntry) Info() (fs.FileInfo, error) {
	return memInfo{e.name, e.size, e.dir, time.Time{}}, nil
}

type memInfo struct {
	name string
	size int64
	dir  bool
	mod  time.Time
}

func (i memInfo) Name() string { return i.name }
func (i memInfo) Size() int64  { return i.size }
func (i memInfo) Mode() fs.FileMode {
	if i.dir {
		return fs.ModeDir | 0o555
	}
	return 0o444
}
func (i memInfo) ModTime() time.Time { return i.mod }
func (i memInfo) IsDir() bool        { return i.dir }
func (i memInfo) Sys() any           { return nil }

// writer writes files from one goroutine: on the disks measured, parallel writes were slower
// than serial ones.
type writer struct {
	out Output
	// pieces joins the pieces of files written in pieces when out cannot append.
	pieces map[string][]byte
	ch     chan outFile
	done   chan struct{}
	err    error
	files  int
	bytes  int64
}

type outFile struct {
	name string
	data []byte
	put  func() // called once data is written, to recycle its buffer
	// piece marks data as the next piece of a file written in pieces (writer.appendPiece).
	piece bool
}

func newWriter(out Output) *writer {
	w := &writer{out: out, ch: make(chan outFile, 256), done: make(chan struct{})}
	go func() {
		defer close(w.done)
		ao, canAppend := out.(appendOutput)
		started := map[string]bool{}
		for f := range w.ch {
			if w.err == nil {
				var err error
				switch {
				case !f.piece:
					err = w.out.WriteFile(f.name, f.data)
					w.files++
				case canAppend:
					err = ao.AppendFile(f.name, f.data)
				default:
					if w.pieces == nil {
						w.pieces = map[string][]byte{}
					}
					w.pieces[f.name] = append(w.pieces[f.name], f.data...)
				}
				if f.piece && !started[f.name] {
					started[f.name] = true
					w.files++
				}
				if err != nil {
					w.err = fmt.Errorf("write %s: %w", f.name, err)
				}
				w.bytes += int64(len(f.data))
			}
			if f.put != nil {
				f.put()
			}
		}
		if w.err != nil {
			return
		}
		if canAppend {
			if err := ao.CloseAppends(); err != nil {
				w.err = fmt.Errorf("write: %w", err)
			}
			return
		}
		for name, data := range w.pieces {
			if err := w.out.WriteFile(name, data); err != nil {
				w.err = fmt.Errorf("write %s: %w", name, err)
				return
			}
		}
	}()
	return w
}

// write queues a file. data must not change until it is written.
func (w *writer) write(name string, data []byte) { w.ch <- outFile{name: name, data: data} }

// writeRecycle queues a file and calls put once it is written.
func (w *writer) writeRecycle(name string, data []byte, put func()) {
	w.ch <- outFile{name: name, data: data, put: put}
}

// appendPiece queues the next piece of a file written in pieces; the file ends when the writer
// closes. data must not change until it is written.
func (w *writer) appendPiece(name string, data []byte) {
	w.ch <- outFile{name: name, data: data, piece: true}
}

// close waits for every queued file and returns the first error.
func (w *writer) close() error {
	close(w.ch)
	<-w.done
	return w.err
}
