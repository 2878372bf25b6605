// Package reqcheck checks a pasted request against the API operation it calls.
//
// Check takes a request read from a paste and the API it calls, finds the operation
// from the method and the path, and runs the checks the API's server runs, in the order it runs
// them (the operation's x-errdocs-order): the JSON syntax of the body, the Authorization header
// and the kind of key, the Idempotency-Key header, the Content-Type, the path and query
// parameters and the body against the operation's schema. Each departure is a problem with its
// JSON pointer and its place in the paste. The first check that fails decides the predicted
// answer, built in the API's own shape from the examples of its openapi.yaml and the wording
// of its predict: block. When every fix is mechanical, the corrected request is written in the
// form it was pasted in.
//
// Everything API-specific comes from the catalog: the operations and schemas from openapi.yaml,
// the wording of failed keywords and the rules for the Authorization header from the API's
// predict: block. The code knows JSON Schema and the check names, not the APIs.
//
// # Files
//
// check.go holds Check, Result and the order of checks; match.go finds the operation; parts.go
// checks the key, the headers and the path and query parameters; body.go the body's syntax and
// form, and runs the JSON Schema validator (package engine/reqcheck/schema); predict.go builds the
// predicted answer and fix.go the corrected request; credential.go tells a key from a
// placeholder; shape.go recognises a body's catalog shape; example.go writes an operation's
// example as curl.
//
// # Imports
//
// It may import catalog, engine/reqcheck/schema (a value against its schema), engine/reqparse
// (the request as read), engine/shapepath (an answer's shape), internal/jsonx (bodies as JSON
// trees), internal/ascii and internal/printf, and the standard library. It must not import
// engine: engine imports it, runs Check on a request pasted with or without its response, and
// converts the Result (problems, fields, predicted answer) into its Verdict.
package reqcheck
