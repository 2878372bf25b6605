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

// DecodeAPIs reads the "apis" member of a catalog.WorkerCatalog, as json.Unmarshal would into
// a []*catalog.API, and makes them a catalog ready to use (catalog.New).
func DecodeAPIs(data []byte) (*catalog.Catalog, error) {
	var apis []*catalog.API
	dec := jsonlite.NewDecoder(data)
	decSlicePtrCatalogAPI(dec, &apis)
	if err := dec.Finish(); err != nil {
		return nil, err
	}
	return catalog.New(apis)
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
