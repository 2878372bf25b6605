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
	"github.com/errdocs/errdocs/wasm/internal/jsonlite"
)

// DecodeCatalog reads catalog.json as json.Unmarshal would into a catalog.Catalog. It does not
// compile the catalog.
func DecodeCatalog(data []byte) (*catalog.Catalog, error) {
	var c catalog.Catalog
	dec := jsonlite.NewDecoder(data)
	decCatalogCatalog(dec, &c)
	return &c, dec.Finish()
}

var fieldsDeferred = []string{"operations", "schemas"}

// DecodeOperations reads an object with an API's "operations" and "schemas" members, as
// json.Unmarshal would into a struct with those two fields of catalog.API.
func DecodeOperations(data []byte) ([]*catalog.Operation, map[string]*catalog.Schema, error) {
	var ops []*catalog.Operation
	var schemas map[string]*catalog.Schema
	dec := jsonlite.NewDecoder(data)
	if dec.ObjectStart("struct") {
		for dec.More() {
			switch jsonlite.Field(dec.Key(), fieldsDeferred) {
			case 0:
				decSlicePtrCatalogOperation(dec, &ops)
			case 1:
				decMapPtrCatalogSchema(dec, &schemas)
			default:
				dec.Skip()
			}
		}
	}
	return ops, schemas, dec.Finish()
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
