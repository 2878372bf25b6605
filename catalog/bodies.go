package catalog

import (
	"slices"
	"strings"
)

// Body forms. A success body or a webhook payload pasted alone has no error code for a shape to
// match, but its top level may be one that only a single API sends. The loader records the top
// level of each API's 2xx answer examples and webhook payload examples (openapi.yaml's
// webhooks) as BodyForms; APIOfBody finds the API a pasted body's form belongs to.

// BodyForm is the top level of a JSON object an API sends.
type BodyForm struct {
	// Keys are the object's member names, sorted and joined with commas, a boolean member
	// written name=true or name=false (FormKey).
	Keys string `json:"keys"`
	// Webhook is the webhook whose payload has this form; "" for an answer.
	Webhook string `json:"webhook,omitempty"`
}

// FormKey returns the Keys of an object whose members are given as "name", or "name=true" and
// "name=false" for a boolean.
func FormKey(members []string) string {
	m := slices.Clone(members)
	slices.Sort(m)
	return strings.Join(m, ",")
}

// APIOfBody returns the API whose answers or webhook payloads have the top level members
// describe (as FormKey takes them); nil when none has, when two APIs have, or when the object
// has fewer than two members.
func (c *Catalog) APIOfBody(members []string) *API {
	if c == nil || len(members) < 2 {
		return nil
	}
	key := FormKey(members)
	var api *API
	for _, a := range c.APIs {
		for _, f := range a.Bodies {
			if f.Keys != key {
				continue
			}
			if api != nil && api != a {
				return nil
			}
			api = a
		}
	}
	return api
}
