package main

import (
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/andybalholm/brotli"
	"github.com/chromedp/chromedp"
)

// Search at scale (issue 14 §3), with -search: the built site is served from its folder on
// loopback as a static host serves it, compressed on the fly (brotli when the browser accepts
// it, else gzip), and headless Chromium types queries into a page's search box. For each query
// it prints the bytes sent (compressed) from the first focus of the box to the results drawn,
// and the time from each keystroke (an input event) to the results drawn (the next frame after
// the list changed): cold (the first query, shards fetched as it goes) and warm (retyped).

// searchQueries are typed one character at a time, in this order, in one page.
var searchQueries = []string{"retry", "token bucket", "webhook signature", "p0042", "retry"}

// sentLog counts the compressed bytes sent per request.
type sentLog struct {
	mu    sync.Mutex
	bytes int64
	urls  []string
}

func (l *sentLog) take() (int64, []string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	b, u := l.bytes, l.urls
	l.bytes, l.urls = 0, nil
	return b, u
}

type countingWriter struct {
	io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.Writer.Write(p)
	c.n += int64(n)
	return n, err
}

// staticHandler serves dir as a static host does: index.html for folders, compressed.
func staticHandler(dir string, log *sentLog) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := path.Clean(r.URL.Path)
		if strings.HasSuffix(r.URL.Path, "/") {
			p = path.Join(p, "index.html")
		}
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(p)))
		if err != nil {
			http.NotFound(w, r)
			return
		}
		if t := mime.TypeByExtension(path.Ext(p)); t != "" {
			w.Header().Set("Content-Type", t)
		}
		w.Header().Set("Cache-Control", "no-cache")
		cw := &countingWriter{Writer: w}
		var zw io.WriteCloser
		if strings.Contains(r.Header.Get("Accept-Encoding"), "br") {
			w.Header().Set("Content-Encoding", "br")
			zw = brotli.NewWriterLevel(cw, 5) // what hosts that compress on the fly use
		} else {
			w.Header().Set("Content-Encoding", "gzip")
			zw, _ = gzip.NewWriterLevel(cw, 6)
		}
		zw.Write(data)
		zw.Close()
		log.mu.Lock()
		log.bytes += cw.n
		log.urls = append(log.urls, fmt.Sprintf("%s %d", p, cw.n))
		log.mu.Unlock()
	})
}

// typeJS types its query into the search box one character at a time and returns, for each
// keystroke, the milliseconds until the results list changed and the next frame was drawn.
const typeJS = `(async (q) => {
  const input = document.getElementById("q"), list = document.getElementById("search-results");
  input.focus();
  input.value = "";
  const times = [];
  for (let i = 1; i <= q.length; i++) {
    if (q[i - 1] === " ") continue;
    const drawn = new Promise((res) => {
      const mo = new MutationObserver(() => { mo.disconnect(); requestAnimationFrame(() => res()); });
      mo.observe(list, { childList: true, subtree: true, characterData: true });
    });
    const t0 = performance.now();
    input.value = q.slice(0, i);
    input.dispatchEvent(new Event("input"));
    await drawn;
    times.push(performance.now() - t0);
    await new Promise((r) => setTimeout(r, 30));
  }
  return JSON.stringify({ times, results: list.querySelectorAll("li").length });
})`

func benchSearch(out string) error {
	chromium, err := exec.LookPath("chromium")
	if err != nil {
		return fmt.Errorf("chromium is not installed")
	}
	var log sentLog
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: staticHandler(out, &log)}
	go srv.Serve(ln)
	defer srv.Close()
	base := "http://" + ln.Addr().String()

	profile, err := os.MkdirTemp("", "errdocs-benchsearch-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(profile)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(chromium), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(filepath.Join(profile, "profile")),
		chromedp.WindowSize(1280, 900))
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(allocCtx)
	defer cancel()
	ctx, cancelT := context.WithTimeout(ctx, 5*time.Minute)
	defer cancelT()
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/sec42/p4242/"), chromedp.WaitVisible("#q")); err != nil {
		return fmt.Errorf("open a page: %w", err)
	}
	time.Sleep(500 * time.Millisecond)
	log.take()
	man, _ := os.Stat(filepath.Join(out, "search-index.json"))
	shards, _ := filepath.Glob(filepath.Join(out, "assets", "search", "*.json"))
	var whole int64
	for _, s := range shards {
		if fi, err := os.Stat(s); err == nil {
			whole += fi.Size()
		}
	}
	fmt.Printf("search index: manifest %.1f KB, %d shards and chunks, %.1f MB in all (uncompressed)\n",
		float64(man.Size())/1e3, len(shards), float64(whole+man.Size())/1e6)
	for i, q := range searchQueries {
		res, err := chromedp.Run(ctx, chromedp.Evaluate[string](typeJS+"("+jsString(q)+")", chromedp.EvalAwaitPromise))
		if err != nil {
			return fmt.Errorf("query %q: %w", q, err)
		}
		var got struct {
			Times   []float64 `json:"times"`
			Results int       `json:"results"`
		}
		if err := json.Unmarshal([]byte(res), &got); err != nil {
			return err
		}
		time.Sleep(100 * time.Millisecond)
		sent, urls := log.take()
		label := "then"
		if i == 0 {
			label = "first"
		}
		sorted := slices.Clone(got.Times)
		slices.Sort(sorted)
		fmt.Printf("%-5s query %-19q %3d requests, %6.1f KB sent (br); keystroke to results: median %4.1f ms, max %5.1f ms (%s); %d results listed\n",
			label, q, len(urls), float64(sent)/1e3, sorted[len(sorted)/2], sorted[len(sorted)-1], msList(got.Times), got.Results)
		if os.Getenv("BENCHSEARCH_URLS") != "" {
			fmt.Println("  ", strings.Join(urls, "\n   "))
		}
	}
	return nil
}

func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func msList(xs []float64) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = fmt.Sprintf("%.0f", x)
	}
	return strings.Join(parts, " ")
}
