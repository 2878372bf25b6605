package apiref

import (
	"github.com/errdocs/errdocs/catalog"
)

// KeyPhrase says in a Sentence what an operation needs to authenticate.
func KeyPhrase(a *catalog.API, op *catalog.Operation) string {
	switch {
	case op.Scope == "none":
		return "It takes no key: its URL carries a secret."
	case op.Scope != "":
		return "It needs a key with the " + op.Scope + " scope."
	case op.Key != "":
		if k := keyFormat(a, op.Key); k != nil {
			return "It needs a " + k.Kind + " key (" + k.Prefix + "…)."
		}
		return "It needs a " + op.Key + " key."
	}
	return ""
}

func keyFormat(a *catalog.API, kind string) *catalog.KeyFormat {
	for i := range a.Keys {
		if a.Keys[i].Kind == kind {
			return &a.Keys[i]
		}
	}
	return nil
}

// KeyText names the key an operation takes, for its page and the index.
func KeyText(a *catalog.API, op *catalog.Operation) Rich {
	switch {
	case op.Scope == "none":
		return Rich{}.text("none: the URL carries a secret")
	case op.Scope != "":
		return Rich{}.text("scope ").code(op.Scope)
	case op.Key != "":
		if k := keyFormat(a, op.Key); k != nil {
			return Rich{}.text(k.Kind + " key ").code(k.Prefix + "…")
		}
		return Rich{}.text(op.Key + " key")
	}
	var r Rich
	for i, k := range a.Keys {
		if i > 0 {
			r = r.text(" or ")
		}
		r = r.code(k.Prefix + "…")
	}
	if len(r) == 0 {
		return Rich{}.text("any key")
	}
	return append(Rich{}.text("any key: "), r...)
}

// KeyFact is KeyText without the word "scope", for the page's Scope fact.
func KeyFact(a *catalog.API, op *catalog.Operation) Rich {
	if op.Scope != "" && op.Scope != "none" {
		return Rich{}.code(op.Scope)
	}
	return KeyText(a, op)
}

// KeyNote is the note of the key kind an operation takes, if any.
func KeyNote(a *catalog.API, op *catalog.Operation) string {
	if op.Scope == "" && op.Key != "" {
		if k := keyFormat(a, op.Key); k != nil {
			return k.Note
		}
	}
	return ""
}

// BodyText says how an operation's body is sent: "application/json, required".
func BodyText(op *catalog.Operation) Rich {
	var r Rich
	for i, mt := range op.MediaTypes {
		if i > 0 {
			r = r.text(", ")
		}
		r = r.code(mt)
	}
	if op.BodyRequired {
		return r.text(", required")
	}
	return r.text(", optional")
}
