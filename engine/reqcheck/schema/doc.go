// Package schema checks a JSON value against an operation's schema and reports each violation
// with its place.
//
// A Validator walks a value (a jsonx tree, so each failing value keeps its offset in the paste)
// against a compact catalog.Schema the way the APIs' own validators do, and returns one Issue
// per failed keyword: its path, the code and message worded as the API's predict: block words
// them, and whether a mechanical fix exists (a "did you mean" value, a quoted number). schema.go
// holds the walk, unions and discriminators; keywords.go the keywords, the messages and the
// string formats.
//
// It knows JSON Schema, not requests: package engine/reqcheck finds the operation, reads the
// body and the parameters, calls Validate and turns the issues into problems, a predicted answer
// and a corrected request.
//
// # Imports
//
// It may import catalog, internal/jsonx, internal/printf, internal/timetext and the standard
// library (no fmt, reflect, encoding/json or time: the WebAssembly module links it). It must
// not import engine or engine/reqcheck: reqcheck imports it.
package schema
