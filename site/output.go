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

// manifestName lists, one a line, the files the last build wrote into an output folder.
const manifestName = ".errdocs-files"

type dirOutput struct {
	root  string
	made  map[string]bool
	wrote map[string]bool
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
	full := filepath.Join(o.root, filepath.FromSlash(name))
	dir := filepath.Dir(full)
	if !o.made[dir] {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
		o.made[dir] = true
	}
	return os.WriteFile(full, data, 0o644)
}

// MemOutput keeps a built site in memory and serves it as an fs.FS. errdocs serve builds into
// one, so a rebuild touches no disk.
type MemOutput struct {
	mu    sync.RWMutex
	files map[string][]byte
	built time.Time
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
	out   Output
	ch    chan outFile
	done  chan struct{}
	err   error
	files int
	bytes int64
}

type outFile struct {
	name string
	data []byte
	put  func() // called once data is written, to recycle its buffer
}

func newWriter(out Output) *writer {
	w := &writer{out: out, ch: make(chan outFile, 256), done: make(chan struct{})}
	go func() {
		defer close(w.done)
		for f := range w.ch {
			if w.err == nil {
				if err := w.out.WriteFile(f.name, f.data); err != nil {
					w.err = fmt.Errorf("write %s: %w", f.name, err)
				}
				w.files++
				w.bytes += int64(len(f.data))
			}
			if f.put != nil {
				f.put()
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

// close waits for every queued file and returns the first error.
func (w *writer) close() error {
	close(w.ch)
	<-w.done
	return w.err
}
