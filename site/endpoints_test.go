package site

import (
	"errors"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/errdocs/errdocs/catalog"
	"github.com/errdocs/errdocs/catalog/load"
	"github.com/errdocs/errdocs/content"
	"github.com/errdocs/errdocs/internal/testkit"
	"github.com/errdocs/errdocs/site/apiref"
	"github.com/errdocs/errdocs/site/search"
)

// endpointSite is the test site with the Acme API's openapi.yaml (testdata/endpoints.txtar).
func endpointSite(t testing.TB) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "endpoints.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	return append(readTestSite(t), data...)
}

func TestEndpointPages(t *testing.T) {
	mem, _, err := buildTxtar(t, endpointSite(t), Options{BaseURL: "https://docs.acme.test/"})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		file string
		want []string
		not  []string
	}{
		{"method, path, key and success", "acme/api/post-v1-widgets/index.html",
			[]string{`<h1>Create a widget</h1>`, `<span class="badge is-code">POST /v1/widgets</span>`,
				`<span class="badge s2">201 Created</span>`, `<dt>Key</dt>`, `live key <code>ak_live_…</code> (server-side only)`,
				`<code>application/json</code>, required`, `<a href="/acme/">Acme</a>`}, nil},
		{"body table flattens nested objects, arrays and unions", "acme/api/post-v1-widgets/index.html",
			[]string{`<td data-label="Field"><code>name</code></td>`, `matches <code>^[a-z]+$</code>`, `1–40 characters`,
				`The name, in lower case <code>a</code> to <code>z</code>.`, `<td data-label="Type">integer</td>`, `from 1 to 10`,
				`format <code>email</code>`, `<td data-label="Type">array of string</td>`, `at most 5 items`,
				`each item: at most 20 characters`, `<code>dims.w</code>`, `more than 0`, `<code>dims.h</code>`,
				`<td data-label="Type">string or object</td>`,
				`<th scope="rowgroup" colspan="4">When <code>color.mode</code> is <code>rgb</code></th>`,
				`<code>color.hex</code>`, `must be <code>rgb</code>`, `one of <code>red</code>, <code>blue</code>`,
				`A field inside an object is required when the object is sent.`},
			[]string{`<code>color.0`, `When <code>color</code> is a string`}},
		{"parameters and idempotency", "acme/api/post-v1-widgets/index.html",
			[]string{`<td data-label="In">header</td>`, `<code>Idempotency-Key</code>`, `id="idempotency"`,
				`The <code>Idempotency-Key</code> request header is optional: 1–64 characters.`}, nil},
		{"example requests are highlighted curl commands, checked", "acme/api/post-v1-widgets/index.html",
			[]string{`<span>Shell · curl</span><button type="button" class="copy">Copy</button>`, `class="chroma"`,
				`https://api.acme.test/v1/widgets`, `&#34;Authorization: Bearer </span>`, `<span class="nv">$ACME_LIVE_KEY</span>`, `&#34;tags&#34;:[&#34;&lt;new&gt;&#34;]`,
				`A small gear with an RGB colour`, `Checked at build time:`, `errdocs predicts 201 Created.`},
			[]string{`u003c`}},
		{"error examples link to their pages", "acme/api/post-v1-widgets/index.html",
			[]string{`id="status-401"`, `401 Unauthorized`, `A test key sent to production: <a href="/acme/errors/bad-key/"><code>BAD_KEY</code> · Bad API key</a>`,
				`<a href="/acme/errors/busy/"><code>SERVER_BUSY</code> · Acme is busy</a>`, `HTTP · example response`,
				`<span class="kr">HTTP</span>`, `errdocs reads this as <code>BAD_KEY</code>, 401 from Acme.`,
				`href="#status-503"`}, nil},
		{"success example", "acme/api/post-v1-widgets/index.html", []string{`id="success"`, `The widget was created.`, `201 Created`}, nil},
		{"a GET gets an example without a body", "acme/api/get-v1-widgets-id/index.html",
			[]string{`<h1>Get a widget</h1>`, `https://api.acme.test/v1/widgets/example-id`, `errdocs predicts 200 OK.`,
				`<td data-label="In">path</td>`, `one of <code>all</code>, <code>brief</code>`},
			[]string{`id="request-body"`, `Content-Type: application/json&#39; \`}},
		{"index lists the operations", "acme/api/index.html",
			[]string{`<h1>Acme endpoints</h1>`, `<a href="/acme/api/post-v1-widgets/"><code>/v1/widgets</code></a>`,
				`<code>GET</code>`, `<a href="/acme/api/get-v1-widgets-id/"><code>/v1/widgets/{id}</code></a>`, `Create a widget`,
				`live key <code>ak_live_…</code>`}, nil},
		{"sidebar links the endpoints", "acme/errors/busy/index.html",
			[]string{`<h2>Endpoints</h2>`, `<a href="/acme/api/">`, `<a href="/acme/api/post-v1-widgets/"><span class="st">POST</span> <span>Create a widget</span></a>`}, nil},
		{"overview links the endpoints", "acme/index.html",
			[]string{`id="endpoint-list"`, `href="#endpoint-list"`, `Acme has 2 endpoints.`, `<a href="/acme/api/post-v1-widgets/"><code>POST /v1/widgets</code></a>`}, nil},
		{"home links the endpoints", "index.html", []string{`<a href="/acme/api/">All 2 endpoints</a>`}, nil},
		{"sitemap", "sitemap.xml", []string{`<loc>https://docs.acme.test/acme/api/</loc>`,
			`<loc>https://docs.acme.test/acme/api/post-v1-widgets/</loc>`, `<loc>https://docs.acme.test/acme/api/get-v1-widgets-id/</loc>`}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := file(t, mem, tc.file)
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("%s lacks %s", tc.file, w)
				}
			}
			for _, w := range tc.not {
				if strings.Contains(got, w) {
					t.Errorf("%s has %s", tc.file, w)
				}
			}
		})
	}

	t.Run("search finds an endpoint by its path and its summary", func(t *testing.T) {
		idx := readIndex(t, mem)
		doc := -1
		for i, d := range idx.Docs {
			if d[0] == "acme/api/post-v1-widgets/" {
				doc = i
				if d[3] != "POST /v1/widgets" {
					t.Errorf("the endpoint's code in the index is %v", d[3])
				}
			}
		}
		if doc < 0 {
			t.Fatal("the endpoint page is not in the search index")
		}
		// "/v1/widgets" is the words v1 and widgets: both weigh most on the endpoint pages (the
		// two operations on /v1/widgets tie); "create" and "post" weigh most on this one alone.
		for _, tc := range []struct {
			term string
			tie  bool
		}{{"v1", true}, {"widget", true}, {"create", false}, {"post", false}} {
			weights := map[int]int{}
			at := 0
			ps := idx.Terms[tc.term]
			for i := 0; i+1 < len(ps); i += 2 {
				at += ps[i]
				weights[at] = ps[i+1]
			}
			for d, w := range weights {
				if d != doc && (w > weights[doc] || !tc.tie && w == weights[doc]) {
					t.Errorf("%q weighs %d on %v, %d on the endpoint page", tc.term, w, idx.Docs[d][0], weights[doc])
				}
			}
		}
	})
}

// TestEndpointExampleCheck checks the build-time checks of endpoint examples: an example
// request that does not validate, and error examples that do not decode to a documented error,
// fail the build at their line in openapi.yaml.
func TestEndpointExampleCheck(t *testing.T) {
	bad := `-- acme/openapi.yaml --
openapi: 3.1.0
info: {title: Acme API, version: "1"}
paths:
  /v1/widgets:
    post:
      summary: Create a widget
      x-errdocs-key: live
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [name]
              properties:
                name: {type: string, pattern: '^[a-z]+$'}
            examples:
              good:
                value: {"name": "gear"}
              upper:
                value: {"name": "Gear"}
              missing:
                value: {"size": 3}
      responses:
        '201':
          description: Created.
        '401':
          description: The key was refused.
          content:
            application/json:
              examples:
                badKey:
                  value: {"error": {"code": "BAD_KEY", "message": "bad key"}}
                wrongCode:
                  value: {"error": {"code": "SERVER_BUSY", "message": "busy"}}
                notAcme:
                  value: {"message": "nothing like Acme"}
`
	lineOf := func(s string) int {
		i := strings.Index(bad, "\n                "+s+":")
		if i < 0 {
			i = strings.Index(bad, "\n              "+s+":")
		}
		if i < 0 {
			t.Fatalf("no %s in the test file", s)
		}
		return strings.Count(bad[:i+1], "\n") // the header line is line 0
	}
	_, _, err := buildTxtar(t, append(readTestSite(t), bad...), Options{})
	var les load.Errors
	if !errors.As(err, &les) {
		t.Fatalf("err = %v, want load.Errors", err)
	}
	// The loader gives an example's line as its value's, the line after its name.
	at := func(name string) string { return "acme/openapi.yaml:" + strconv.Itoa(lineOf(name)+1) + ": " }
	for _, w := range []string{
		at("upper") + `POST /v1/widgets, example request "upper": it does not validate at /name:`,
		at("missing") + `POST /v1/widgets, example request "missing": it does not validate at /name:`,
		at("wrongCode") + `POST /v1/widgets, 401 answer example "wrongCode": it decodes to SERVER_BUSY, status 401, which no Acme catalog entry documents`,
		at("notAcme") + `POST /v1/widgets, 401 answer example "notAcme": the engine reads it as coming from API "", not "acme"`,
	} {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("errors:\n%v\nwant one starting %q", err, w)
		}
	}
	for _, ok := range []string{`"good"`, `"badKey"`} {
		if strings.Contains(err.Error(), ok) {
			t.Errorf("the example %s is right, but:\n%v", ok, err)
		}
	}
}

// TestEndpointSlugs checks the URL segments of operations, and that two operations with one
// URL fail the build.
func TestEndpointSlugs(t *testing.T) {
	for _, tc := range []struct{ method, path, want string }{
		{"POST", "/v1/track", "post-v1-track"},
		{"GET", "/contacts/{id}", "get-contacts-id"},
		{"POST", "/v1/webhooks/incoming/{provider}/{key}", "post-v1-webhooks-incoming-provider-key"},
		{"DELETE", "/v1/send/batch", "delete-v1-send-batch"},
	} {
		t.Run(tc.want, func(t *testing.T) {
			if got := apiref.Slug(&catalog.Operation{Method: tc.method, Path: tc.path}); got != tc.want {
				t.Errorf("apiref.Slug(%s %s) = %q, want %q", tc.method, tc.path, got, tc.want)
			}
		})
	}
	clash := "-- acme/openapi.yaml --\nopenapi: 3.1.0\ninfo: {title: Acme, version: \"1\"}\npaths:\n" +
		"  /v1/a-b:\n    get:\n      responses: {'200': {description: OK}}\n" +
		"  /v1/a/b:\n    get:\n      responses: {'200': {description: OK}}\n"
	_, _, err := buildTxtar(t, append(readTestSite(t), clash...), Options{})
	if want := "acme/openapi.yaml:9: GET /v1/a/b: its page URL /acme/api/get-v1-a-b/ is also GET /v1/a-b's"; err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("errors:\n%v\nwant %q", err, want)
	}
}

func TestEndpointGolden(t *testing.T) {
	mem, _, err := buildTxtar(t, endpointSite(t), Options{BaseURL: "https://docs.acme.test/", RepoURL: "https://github.com/acme/docs"})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ page, golden string }{
		{"acme/api/post-v1-widgets/index.html", "endpoint-page.html"},
	} {
		t.Run(tc.golden, func(t *testing.T) {
			testkit.CompareWithGolden(t, normalize(file(t, mem, tc.page)), filepath.Join("testdata", "golden", tc.golden))
		})
	}
}

// searchTop ranks an index's pages for a query as static/search.js does (prefix matches,
// weight × idf, pages that match every word first) and returns the best page's path.
func searchTop(idx *search.Whole, q string) string {
	keys := make([]string, 0, len(idx.Terms))
	for k := range idx.Terms {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	n := float64(len(idx.Docs))
	total, hits := map[int]float64{}, map[int]int{}
	words := 0
	search.Tokenize(q, func(w string) {
		words++
		acc := map[int]float64{}
		i, _ := slices.BinarySearch(keys, w)
		for k := 0; i < len(keys) && k < 60 && strings.HasPrefix(keys[i], w); i, k = i+1, k+1 {
			term := keys[i]
			if term != w && len(w) < 2 {
				break
			}
			factor := 1.0
			if term != w {
				factor = 0.55*float64(len(w))/float64(len(term)) + 0.15
			}
			p := idx.Terms[term]
			idf := math.Log(1 + n/float64(len(p)/2))
			doc := 0
			for j := 0; j+1 < len(p); j += 2 {
				doc += p[j]
				if s := float64(p[j+1]) * idf * factor; s > acc[doc] {
					acc[doc] = s
				}
			}
		}
		for d, s := range acc {
			total[d] += s
			hits[d]++
		}
	})
	best := -1
	better := func(d int) bool {
		if best < 0 {
			return true
		}
		if all, bestAll := hits[d] == words, hits[best] == words; all != bestAll {
			return all
		}
		if total[d] != total[best] {
			return total[d] > total[best]
		}
		return d < best
	}
	for d := range total {
		if better(d) {
			best = d
		}
	}
	if best < 0 {
		return ""
	}
	return idx.Docs[best][0].(string)
}

// TestEndpointSearchShipped checks that search finds the shipped endpoint pages by path and by
// name.
func TestEndpointSearchShipped(t *testing.T) {
	mem := NewMemOutput()
	BuildReport(Options{Content: content.FS, Output: mem}) // content errors are TestShippedContent's
	idx := readIndex(t, mem)
	for _, tc := range []struct{ q, want string }{
		{"/v1/track", "plunk/api/post-v1-track/"},
		{"send", "plunk/api/post-v1-send/"},
		{"/v1/send", "plunk/api/post-v1-send/"},
		{"POST /v1/investigations", "puck/api/post-v1-investigations/"},
		{"dismiss finding", "puck/api/post-v1-findings-id-dismiss/"},
	} {
		t.Run(tc.q, func(t *testing.T) {
			if got := searchTop(idx, tc.q); got != tc.want {
				t.Errorf("search %q: the first result is %s, want %s", tc.q, got, tc.want)
			}
		})
	}
}
