// Package wire reads catalog.json into the catalog's types and writes verdicts as JSON for the
// playground's WebAssembly module, byte for byte as encoding/json does, without reflection.
//
// codec_gen.go holds a decoder for each catalog type and an encoder for each verdict type,
// generated from their Go declarations and json tags (go generate, or ./build.sh generate). The
// tests compare both directions with encoding/json on the shipped catalog, every golden verdict
// and under fuzzing, and fail when codec_gen.go is stale.
//
// The same generator (gen) writes the playground's side of the contract from the same
// declarations: wasm/verdict.gen.d.ts, the verdict and share types in TypeScript, and
// static/reasons.gen.js, catalog.ReasonPhrases as an ES module. The tests fail when either is
// stale too.
package wire

//go:generate go run ./gen -o codec_gen.go -dts ../../verdict.gen.d.ts -reasons ../../../static/reasons.gen.js

import (
	"github.com/errdocs/errdocs/catalog"
	"github.com/errdocs/errdocs/engine"
	"github.com/errdocs/errdocs/internal/jsonlite"
)

// DecodeCatalog reads catalog.json as json.Unmarshal would into a catalog.Catalog, and makes it
// ready to use (catalog.New).
func DecodeCatalog(data []byte) (*catalog.Catalog, error) {
	c, err := decodeCatalog(data)
	if err != nil {
		return nil, err
	}
	return catalog.New(c.APIs)
}

// decodeCatalog is json.Unmarshal into a catalog.Catalog, and nothing more.
func decodeCatalog(data []byte) (*catalog.Catalog, error) {
	var c catalog.Catalog
	dec := jsonlite.NewDecoder(data)
	decCatalogCatalog(dec, &c)
	return &c, dec.Finish()
}

// DecodeLeadingAPIs makes a catalog ready to use (catalog.New) from a document whose first
// member is "apis", catalog.json or a catalog.WorkerCatalog, reading no further than that
// member: more reports that others follow (the worker's requests), for DecodeRequestsIn to read
// and check later. Any other document is read whole, as by DecodeCatalog. The playground's
// worker starts sooner for it: skipping the requests (two thirds of its catalog) took a third of
// the catalog's decoding time.
func DecodeLeadingAPIs(data []byte) (c *catalog.Catalog, more bool, err error) {
	dec := jsonlite.NewDecoder(data)
	if !dec.ObjectStart("catalog.WorkerCatalog") || !dec.More() || string(dec.Key()) != "apis" {
		c, err := DecodeCatalog(data)
		return c, false, err
	}
	var apis []*catalog.API
	decSlicePtrCatalogAPI(dec, &apis)
	rest, err := dec.Rest()
	if err != nil {
		return nil, false, err
	}
	c, err = catalog.New(apis)
	return c, !closes(rest), err
}

// closes reports whether rest is the closing brace of the document, with space around it.
func closes(rest []byte) bool {
	n := 0
	for _, b := range rest {
		switch b {
		case ' ', '\t', '\r', '\n':
		case '}':
			n++
		default:
			return false
		}
	}
	return n == 1
}

// DecodeRequestsIn checks the whole of a catalog.WorkerCatalog and reads its "requests" member
// as json.Unmarshal would; nil when it has none.
func DecodeRequestsIn(data []byte) (map[string]catalog.Requests, error) {
	members, err := jsonlite.Members(data)
	if err != nil {
		return nil, err
	}
	var r map[string]catalog.Requests
	for _, m := range members {
		if m.Key == "requests" {
			if r, err = DecodeRequests(m.Value); err != nil {
				return nil, err
			}
		}
	}
	return r, nil
}

// DecodeRequests reads the "requests" member of a catalog.WorkerCatalog, as json.Unmarshal
// would into a map[string]catalog.Requests.
func DecodeRequests(data []byte) (map[string]catalog.Requests, error) {
	var r map[string]catalog.Requests
	dec := jsonlite.NewDecoder(data)
	decMapCatalogRequests(dec, &r)
	return r, dec.Finish()
}

// EncodeVerdict writes v as "errdocs explain --json" does: a json.Encoder with SetIndent("",
// indent) and SetEscapeHTML(false), so with a final newline.
func EncodeVerdict(v *engine.Verdict, indent string) ([]byte, error) {
	e := jsonlite.NewEncoder("", indent)
	encEngineVerdict(e, v)
	return e.Bytes()
}

// EncodeShare writes what a verdict-only share link holds, as json.Marshal would.
func EncodeShare(s engine.Share) ([]byte, error) {
	e := jsonlite.NewEncoder("", "")
	encEngineShare(e, &s)
	b, err := e.Bytes()
	// The encoder ends a value with a newline, as json.Encoder does; a link has no use for it.
	for len(b) > 0 && b[len(b)-1] == '\n' {
		b = b[:len(b)-1]
	}
	return b, err
}

// DecodeShare reads what a verdict-only share link holds, as json.Unmarshal would.
func DecodeShare(data []byte) (engine.Share, error) {
	var s engine.Share
	dec := jsonlite.NewDecoder(data)
	decEngineShare(dec, &s)
	return s, dec.Finish()
}
