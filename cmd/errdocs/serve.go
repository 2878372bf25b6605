package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/errdocs/errdocs/catalog/load"
	"github.com/errdocs/errdocs/site"
	"github.com/errdocs/errdocs/static"
	"github.com/fsnotify/fsnotify"
)

const serveUsage = "usage: errdocs serve [--addr 127.0.0.1:8080] [--content DIR] [--static DIR] [--no-playground]"

// runServe builds the site into memory and serves it, rebuilding when content/ or static/
// changes and reloading the open tab (server-sent events and a script injected only here). When
// it runs in the repository, a change to a template (site/*.templ or *.go) regenerates the
// templ files, rebuilds errdocs and hands the listening socket to the new binary.
func runServe(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("serve", flag.ContinueOnError)
	fl.SetOutput(io.Discard)
	addr := fl.String("addr", "127.0.0.1:8080", "address to listen on")
	contentDir := fl.String("content", "", "content folder (default: ./content when it exists, else the built-in demo catalog)")
	staticDir := fl.String("static", "", "static folder (default: ./static when it exists, else the embedded one)")
	repo := fl.String("repo", "", `repository URL for "Edit this page" links`)
	noPlayground := fl.Bool("no-playground", false, "serve the site without the playground (no WebAssembly module)")
	if err := fl.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(stdout, serveUsage)
			return 0
		}
		fmt.Fprintf(stderr, "errdocs serve: %v\n%s\n", err, serveUsage)
		return 2
	}
	if fl.NArg() > 0 {
		fmt.Fprintf(stderr, "errdocs serve: unexpected argument %q\n%s\n", fl.Arg(0), serveUsage)
		return 2
	}
	s := &server{stdout: stdout, stderr: stderr, repo: *repo, id: strconv.FormatInt(time.Now().UnixNano(), 36),
		subs: map[chan struct{}]struct{}{}, noPlayground: *noPlayground}
	if *staticDir == "" && isFile(filepath.Join("static", "site.css")) {
		*staticDir = "static"
	}
	var note string
	var err error
	if s.contentFS, note, err = contentFS("serve", *contentDir); err != nil {
		fmt.Fprintf(stderr, "errdocs serve: %v\n", err)
		return 2
	}
	s.staticFS = static.FS
	if *staticDir != "" {
		s.staticFS = os.DirFS(*staticDir)
	}
	if !s.noPlayground {
		if s.module, err = playgroundModule(s.staticFS, stderr); err != nil {
			fmt.Fprintf(stderr, "errdocs serve: %v\n", err)
			return 1
		}
	}
	io.WriteString(stderr, note)

	ln, err := listen(*addr)
	if err != nil {
		fmt.Fprintf(stderr, "errdocs serve: %v\n", err)
		return 2
	}
	s.base = "http://" + ln.Addr().String() + "/"
	s.rebuild()

	var watched []string
	for _, d := range []string{*contentDir, *staticDir} {
		if d != "" {
			watched = append(watched, d)
		}
	}
	templates := ""
	if isFile(filepath.Join("site", "layout.templ")) && isDir(filepath.Join("cmd", "errdocs")) {
		templates = "site"
		watched = append(watched, templates)
	}
	restart := make(chan struct{}, 1)
	if len(watched) > 0 {
		w, err := fsnotify.NewWatcher()
		if err != nil {
			fmt.Fprintf(stderr, "errdocs serve: watch: %v\n", err)
			return 1
		}
		defer w.Close()
		for _, d := range watched {
			if err := watchTree(w, d); err != nil {
				fmt.Fprintf(stderr, "errdocs serve: watch %s: %v\n", d, err)
				return 1
			}
		}
		go s.watch(w, templates, restart)
	}

	srv := &http.Server{Handler: s.routes(newHostCheck(*addr, ln.Addr())), ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	fmt.Fprintf(stdout, "serving %s (Ctrl-C stops)\n", s.base)

	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt)
	select {
	case <-sig:
		return 0
	case <-restart:
		return s.handOver(ln, srv)
	}
}

// routes is everything errdocs serve answers: the site, the reload script and the reload
// stream. It answers only requests whose Host names this server (see hostCheck), and only GET
// and HEAD.
func (s *server) routes(hosts hostCheck) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/_errdocs/reload.js", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		io.WriteString(w, reloadJS)
	})
	mux.HandleFunc("/_errdocs/events", s.events)
	mux.Handle("/", s)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !hosts.allows(r.Host) {
			http.Error(w, "errdocs serve answers only for "+hosts.origin+"; this request named another host",
				http.StatusMisdirectedRequest)
			return
		}
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			site.MethodNotAllowed(w)
			return
		}
		mux.ServeHTTP(w, r)
	})
}

// hostCheck says which Host headers name this server. A page on another site can make a
// browser send requests here, and by pointing its own domain name at 127.0.0.1 (DNS rebinding)
// it could read the answers as its own: the pages, the build's errors and the reload stream.
// Such a request carries that domain in its Host header, so errdocs serve answers only to:
//
//   - the address it listens on (127.0.0.1:8080), and the --addr it was given, spelled as given;
//   - when it listens on a loopback address, localhost, 127.0.0.1 and [::1] with its port;
//   - when it listens on every interface (--addr :8080), any IP address with its port, and
//     localhost: an IP address cannot be rebound, only a name can.
type hostCheck struct {
	port   string
	names  map[string]bool // lower-case hosts without the port
	anyIP  bool
	origin string // what to tell a refused client to open
}

func newHostCheck(flagAddr string, bound net.Addr) hostCheck {
	hc := hostCheck{names: map[string]bool{}}
	host, port, err := net.SplitHostPort(bound.String())
	if err != nil {
		host, port = bound.String(), "80"
	}
	hc.port = port
	hc.origin = "http://" + net.JoinHostPort(host, port) + "/"
	hc.names[strings.ToLower(host)] = true
	if h, p, err := net.SplitHostPort(flagAddr); err == nil && h != "" && p == port {
		hc.names[strings.ToLower(h)] = true
	}
	ip := net.ParseIP(host)
	switch {
	case ip == nil:
	case ip.IsUnspecified():
		hc.anyIP = true
		hc.names["localhost"] = true
		hc.origin = "http://127.0.0.1:" + port + "/"
	case ip.IsLoopback():
		for _, n := range []string{"localhost", "127.0.0.1", "::1"} {
			hc.names[n] = true
		}
	}
	return hc
}

// allows reports whether a request's Host header names this server.
func (hc hostCheck) allows(hostHeader string) bool {
	host, port, err := net.SplitHostPort(hostHeader)
	if err != nil {
		// No port: the scheme's default. A bracketed IPv6 address loses its brackets.
		host, port = strings.TrimSuffix(strings.TrimPrefix(hostHeader, "["), "]"), "80"
	}
	if port != hc.port || host == "" {
		return false
	}
	host = strings.ToLower(host)
	return hc.names[host] || hc.anyIP && net.ParseIP(host) != nil
}

// server holds the latest good build and the reload clients.
type server struct {
	stdout, stderr      io.Writer
	contentFS, staticFS fs.FS
	module              fs.FS // the playground module's files when staticFS has none
	noPlayground        bool
	base, repo          string
	id                  string // this process, so a tab reloads after a restart

	mu      sync.Mutex
	subs    map[chan struct{}]struct{}
	handler http.Handler
	build   int    // bumped on each rebuild
	errText string // the last build's errors, "" when it was good
}

// rebuild builds the site into memory; on errors it keeps the last good site and reports them.
func (s *server) rebuild() {
	start := time.Now()
	mem := site.NewMemOutput()
	rep, err := site.BuildReport(site.Options{Content: s.contentFS, Static: s.staticFS, Module: s.module,
		NoPlayground: s.noPlayground, Output: mem,
		BaseURL: s.base, RepoURL: s.repo, LiveReload: "/_errdocs/reload.js"})
	s.mu.Lock()
	defer s.mu.Unlock()
	s.build++
	if err != nil {
		var b strings.Builder
		var les load.Errors
		if errors.As(err, &les) {
			for _, e := range les {
				b.WriteString(e.Error() + "\n")
			}
		} else {
			b.WriteString(err.Error() + "\n")
		}
		s.errText = b.String()
		fmt.Fprint(s.stderr, s.errText)
		if s.handler == nil {
			s.handler = site.Handler(mem, "/") // show what there is rather than nothing
		}
	} else {
		s.errText = ""
		s.handler = site.Handler(mem, "/")
		fmt.Fprintf(s.stdout, "built %d pages in %d ms\n", rep.Pages, time.Since(start).Milliseconds())
	}
	s.notify()
}

// watch rebuilds on changes, a little after the last event so one save is one build.
func (s *server) watch(w *fsnotify.Watcher, templates string, restart chan<- struct{}) {
	var timer *time.Timer
	fire := make(chan struct{}, 1)
	templ := false
	for {
		select {
		case ev, ok := <-w.Events:
			if !ok {
				return
			}
			if ev.Has(fsnotify.Create) && isDir(ev.Name) {
				watchTree(w, ev.Name)
			}
			base := filepath.Base(ev.Name)
			if strings.HasPrefix(base, ".") || strings.HasSuffix(base, "~") || strings.HasSuffix(base, ".swp") {
				continue
			}
			if templates != "" && strings.HasPrefix(filepath.Clean(ev.Name), templates+string(filepath.Separator)) {
				if strings.HasSuffix(base, "_templ.go") || strings.HasSuffix(base, "_test.go") ||
					!(strings.HasSuffix(base, ".templ") || strings.HasSuffix(base, ".go")) {
					continue
				}
				templ = true
			}
			if timer == nil {
				timer = time.AfterFunc(15*time.Millisecond, func() { fire <- struct{}{} })
			} else {
				timer.Reset(15 * time.Millisecond)
			}
		case <-fire:
			if templ {
				templ = false
				if s.recompile() {
					restart <- struct{}{}
					return
				}
				continue
			}
			s.rebuild()
		case err, ok := <-w.Errors:
			if !ok {
				return
			}
			fmt.Fprintf(s.stderr, "errdocs serve: watch: %v\n", err)
		}
	}
}

// recompile regenerates the templ files and builds a new errdocs binary; it reports whether
// the new binary is ready to take over.
func (s *server) recompile() bool {
	fmt.Fprintln(s.stdout, "templates changed: regenerating and rebuilding errdocs")
	gen := exec.Command("go", "tool", "templ", "generate", "-path", "site", "-log-level", "error")
	gen.Stdout, gen.Stderr = s.stdout, s.stderr
	if err := gen.Run(); err != nil {
		s.report("templ generate: " + err.Error())
		return false
	}
	bin := filepath.Join(os.TempDir(), "errdocs-serve-"+s.id)
	build := exec.Command("go", "build", "-o", bin, "./cmd/errdocs")
	out, err := build.CombinedOutput()
	if err != nil {
		s.report("go build: " + err.Error() + "\n" + string(out))
		return false
	}
	return true
}

// report shows an error in the terminal and in the open tabs.
func (s *server) report(msg string) {
	fmt.Fprintln(s.stderr, msg)
	s.mu.Lock()
	s.errText = msg
	s.build++
	s.notify()
	s.mu.Unlock()
}

// handOver starts the freshly built binary on the same listening socket and waits for it.
func (s *server) handOver(ln net.Listener, srv *http.Server) int {
	tl, ok := ln.(*net.TCPListener)
	if !ok {
		return 1
	}
	f, err := tl.File()
	if err != nil {
		fmt.Fprintf(s.stderr, "errdocs serve: %v\n", err)
		return 1
	}
	cmd := exec.Command(filepath.Join(os.TempDir(), "errdocs-serve-"+s.id), os.Args[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	cmd.ExtraFiles = []*os.File{f}
	cmd.Env = append(os.Environ(), "ERRDOCS_LISTEN_FD=3")
	if err := cmd.Start(); err != nil {
		fmt.Fprintf(s.stderr, "errdocs serve: restart: %v\n", err)
		return 1
	}
	srv.Close() // the child serves from here; tabs reconnect to it and reload
	signal.Ignore(os.Interrupt)
	if err := cmd.Wait(); err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return ee.ExitCode()
		}
		return 1
	}
	return 0
}

// listen opens addr, or takes over the socket a parent errdocs serve handed down.
func listen(addr string) (net.Listener, error) {
	if fd := os.Getenv("ERRDOCS_LISTEN_FD"); fd != "" {
		os.Unsetenv("ERRDOCS_LISTEN_FD")
		n, err := strconv.Atoi(fd)
		if err == nil {
			return net.FileListener(os.NewFile(uintptr(n), "listener"))
		}
	}
	return net.Listen("tcp", addr)
}

// ServeHTTP serves the latest good build.
func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	h := s.handler
	s.mu.Unlock()
	h.ServeHTTP(w, r)
}

// events streams build notices to the reload script: "hello" with this process and build on
// connect, then "reload" after each good build and "problem" with the errors of a bad one.
func (s *server) events(w http.ResponseWriter, r *http.Request) {
	fl, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	if r.Method == http.MethodHead {
		return
	}
	c := make(chan struct{}, 1)
	s.mu.Lock()
	s.subs[c] = struct{}{}
	build, errText := s.build, s.errText
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.subs, c)
		s.mu.Unlock()
	}()
	fmt.Fprintf(w, "retry: 300\nevent: hello\ndata: %s.%d\n\n", s.id, build)
	if errText != "" {
		writeEvent(w, "problem", errText)
	}
	fl.Flush()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-c:
		}
		s.mu.Lock()
		errText = s.errText
		s.mu.Unlock()
		if errText != "" {
			writeEvent(w, "problem", errText)
		} else {
			writeEvent(w, "reload", "")
		}
		fl.Flush()
	}
}

// notify wakes every reload client. The caller holds s.mu.
func (s *server) notify() {
	for c := range s.subs {
		select {
		case c <- struct{}{}:
		default:
		}
	}
}

func writeEvent(w io.Writer, event, data string) {
	fmt.Fprintf(w, "event: %s\n", event)
	for _, ln := range strings.Split(strings.TrimRight(data, "\n"), "\n") {
		fmt.Fprintf(w, "data: %s\n", ln)
	}
	io.WriteString(w, "\n")
}

func watchTree(w *fsnotify.Watcher, root string) error {
	return filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if p != root && strings.HasPrefix(d.Name(), ".") {
				return filepath.SkipDir
			}
			return w.Add(p)
		}
		return nil
	})
}

func isDir(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.IsDir()
}

func isFile(p string) bool {
	st, err := os.Stat(p)
	return err == nil && !st.IsDir()
}

// reloadJS is injected into every page by errdocs serve, never into a built site. It reloads the
// tab after a rebuild (or after errdocs restarts) and shows build errors in a banner.
const reloadJS = `(function () {
  "use strict";
  var seen = null;
  var banner = null;
  function show(text) {
    if (!banner) {
      banner = document.createElement("pre");
      banner.setAttribute("role", "alert");
      var s = banner.style;
      s.position = "fixed"; s.left = "0"; s.right = "0"; s.bottom = "0"; s.zIndex = "1000";
      s.margin = "0"; s.padding = "1rem"; s.maxHeight = "40vh"; s.overflow = "auto";
      s.background = "#7f1d1d"; s.color = "#fff"; s.font = "13px/1.5 ui-monospace, monospace";
      s.whiteSpace = "pre-wrap";
      document.body.appendChild(banner);
    }
    banner.textContent = "errdocs build failed:\n" + text;
  }
  var es = new EventSource("/_errdocs/events");
  es.addEventListener("hello", function (e) {
    if (seen !== null && seen !== e.data) location.reload();
    seen = e.data;
  });
  es.addEventListener("reload", function () { location.reload(); });
  es.addEventListener("problem", function (e) { show(e.data); });
})();
`
