package engine

import (
	"slices"
	"sort"
	"strings"

	"github.com/errdocs/errdocs/catalog"
	"github.com/errdocs/errdocs/engine/secrets"
	"github.com/errdocs/errdocs/internal/printf"
)

// Redact masks every secret in text and describes each one it masked. The playground shows the
// paste through it, and share links carry only its output.
func Redact(cat *catalog.Catalog, text string) (string, []string) {
	found := secrets.Find(cat, text)
	return secrets.Apply(text, found), describe(found, text)
}

// RedactAlso is Redact, and also masks in text each secret found in other: the same content
// written another way, where the patterns see secrets they cannot see in text. engine/triage
// masks a HAR file with the exchanges it holds written out as HTTP: a header's value is a
// secret by its name, which the file keeps apart from it ({"name": "X-Api-Key", "value": …}).
// Each secret is described once, on the first line of text that holds it.
func RedactAlso(cat *catalog.Catalog, text, other string) (string, []string) {
	found := secrets.FindAlso(cat, text, other)
	return secrets.Apply(text, found), describe(found, text)
}

// describe says what each distinct secret was and on which line it stood first.
func describe(found []secrets.Secret, text string) []string { return describeAt(found, text, nil) }

// describeAt is describe with the line of each offset given by lineAt (nil: count lines in
// text).
func describeAt(found []secrets.Secret, text string, lineAt func(int) int) []string {
	out := []string{}
	seen := map[string]bool{}
	line, at := 1, 0 // found is in order, so lines are counted once over the text
	for _, s := range found {
		if lineAt != nil {
			line = lineAt(s.Start)
		} else {
			line += strings.Count(text[at:s.Start], "\n")
			at = s.Start
		}
		key := s.Label() + s.Masked
		if !seen[key] {
			seen[key] = true
			out = append(out, printf.Sprintf("%s %s (line %d)", s.Label(), s.Masked, line))
		}
	}
	return out
}

// strings lists every string of v but Redacted, and whether it comes from the catalog (prose
// that holds no secret of its own) rather than from the paste. Redaction runs over all of them,
// so a new string field must be listed here; TestRedactCoversVerdict fails until it is.
func (v *Verdict) strings(f func(s *string, prose bool)) {
	for _, s := range []*string{&v.Input, &v.API, &v.Dialect, &v.Confidence, &v.Code, &v.Category, &v.SubCode, &v.Cause, &v.Retry.Strategy,
		&v.Retry.Detail, &v.Retry.Plan, &v.RequestID, &v.DocURL, &v.Message, &v.Operation, &v.FixedRequest} {
		f(s, false)
	}
	for _, s := range []*string{&v.Title, &v.Meaning, &v.Docs} {
		f(s, true)
	}
	for i := range v.Fix {
		f(&v.Fix[i], true)
	}
	for i := range v.Fields {
		x := &v.Fields[i]
		f(&x.Path, false)
		f(&x.Message, false)
		f(&x.Code, false)
		f(&x.Hint, true)
	}
	for i := range v.Problems {
		x := &v.Problems[i]
		f(&x.Severity, false)
		f(&x.Message, false)
		f(&x.Pointer, false)
	}
	if p := v.Predicted; p != nil {
		f(&p.Code, false)
		f(&p.Text, false)
		f(&p.Check, false)
	}
	if x := v.Exchanges; x != nil {
		for i := range x.Groups {
			g := &x.Groups[i]
			for _, s := range []*string{&g.API, &g.Operation, &g.Code, &g.First, &g.Last} {
				f(s, false)
			}
			if g.Verdict != nil {
				g.Verdict.strings(f)
				for j := range g.Verdict.Redacted {
					f(&g.Verdict.Redacted[j], false)
				}
			}
		}
		for i := range x.Timeline {
			f(&x.Timeline[i].At, false)
		}
	}
}

// verdicts calls f with v and each verdict nested in v.Exchanges.
func (v *Verdict) verdicts(f func(*Verdict)) {
	f(v)
	if v.Exchanges != nil {
		for _, g := range v.Exchanges.Groups {
			if g.Verdict != nil {
				g.Verdict.verdicts(f)
			}
		}
	}
}

// redactVerdict masks secrets everywhere in v: those found in the paste, wherever they were
// copied (map keys of the predicted body included), and any the patterns find in v's own text.
// It lists them in v.Redacted and advises rotating live ones. It returns the secrets found in
// the paste (in its first MaxPaste bytes).
func redactVerdict(cat *catalog.Catalog, text string, v *Verdict) []secrets.Secret {
	if len(text) > MaxPaste {
		text = text[:MaxPaste]
	}
	return redactWith(cat, text, nil, v)
}

// rotateWarning starts the warning redactVerdict adds for live secrets.
const rotateWarning = "The paste held "

// RedactParts runs the redaction pass again over v, a verdict assembled from the verdicts of a
// paste's parts (package engine/triage builds one for a paste of many exchanges, each explained
// on its own). text is what the parts were read from, whole: a secret found anywhere in it is
// masked in every string of v and of every verdict nested in v.Exchanges (a token found in one
// exchange and echoed in another), and v.Redacted lists the secrets of the whole text, with
// one warning to rotate the live ones in place of the parts' own. line gives the line of the
// paste that holds a byte offset of text; nil counts lines in text. There is no MaxPaste cut:
// the search is linear in text.
func RedactParts(cat *catalog.Catalog, text string, line func(offset int) int, v *Verdict) {
	v.Redacted = v.Redacted[:0]
	v.Problems = slices.DeleteFunc(v.Problems, func(p Problem) bool {
		return p.Severity == "warning" && strings.HasPrefix(p.Message, rotateWarning)
	})
	redactWith(cat, text, line, v)
}

func redactWith(cat *catalog.Catalog, text string, line func(int) int, v *Verdict) []secrets.Secret {
	found := secrets.Find(cat, text)
	var rotate []string
	seen := map[string]bool{}
	for _, s := range found {
		if s.Live() && !seen[s.Label()+s.Masked] {
			seen[s.Label()+s.Masked] = true
			rotate = append(rotate, s.Label()+" "+s.Masked)
		}
	}
	// First the secrets the paste held, wherever the verdict copied them: one replacer, longest
	// values first, so a secret that contains another is replaced whole. Catalog prose is
	// spared values shorter than secrets.MinEcho, which could be ordinary words.
	all, long := pasteReplacers(found)
	replace := func(s string, prose bool) string {
		if prose {
			return long.Replace(s)
		}
		return all.Replace(s)
	}
	if len(found) > 0 {
		v.strings(func(s *string, prose bool) { *s = replace(*s, prose) })
	}
	// Then any the patterns find in the verdict's own text (a secret the paste held in another
	// form, such as a JSON escape). One search over all the strings; per-string work only on a
	// hit.
	var joined strings.Builder
	v.strings(func(s *string, _ bool) {
		joined.WriteString(*s)
		joined.WriteString("\n\x00\n")
	})
	var extra []string
	more := func(s string) string {
		ms := secrets.Find(cat, s)
		for _, x := range ms {
			if x.Live() && !seen[x.Label()+x.Masked] {
				seen[x.Label()+x.Masked] = true
				rotate = append(rotate, x.Label()+" "+x.Masked)
			}
			if !seen["extra"+x.Masked] {
				seen["extra"+x.Masked] = true
				extra = append(extra, x.Label()+" "+x.Masked)
			}
		}
		return secrets.Apply(s, ms)
	}
	if len(secrets.Find(cat, joined.String())) > 0 {
		v.strings(func(s *string, _ bool) { *s = more(*s) })
	}
	v.verdicts(func(x *Verdict) {
		if x.Predicted != nil {
			x.Predicted.Body = replaceIn(x.Predicted.Body, func(s string) string { return more(replace(s, false)) })
		}
	})
	v.Redacted = append(v.Redacted, describeAt(found, text, line)...)
	v.Redacted = append(v.Redacted, extra...)
	if len(rotate) > 0 {
		v.Problems = append(v.Problems, Problem{Severity: "warning", Message: printf.Sprintf(
			rotateWarning+"%s. errdocs masked it everywhere, but a secret that has been pasted should be treated as exposed: rotate %s.",
			joinAnd(rotate), plural(len(rotate), "it", "them"))})
	}
	sortProblems(v.Problems)
	return found
}

// escapedBreaks turns a JSON string's escaped line breaks into line breaks.
var escapedBreaks = strings.NewReplacer(`\n`, "\n", `\r`, "\r")

// pasteReplacers returns a replacer of every secret found by its masked form, and one of those
// at least secrets.MinEcho bytes long.
func pasteReplacers(found []secrets.Secret) (all, long *strings.Replacer) {
	values := make([]secrets.Secret, 0, len(found))
	dup := map[string]bool{}
	add := func(s secrets.Secret) {
		if !dup[s.Value] {
			dup[s.Value] = true
			values = append(values, s)
		}
	}
	for _, s := range found {
		add(s)
		// A secret of several lines (a PEM key) may reach the verdict a line at a time.
		if strings.ContainsAny(s.Value, "\r\n") || strings.Contains(s.Value, `\n`) {
			for _, line := range strings.FieldsFunc(escapedBreaks.Replace(s.Value), func(r rune) bool { return r == '\n' || r == '\r' }) {
				if len(line) >= secrets.MinEcho {
					add(secrets.Secret{Value: line, Masked: "****"})
				}
			}
		}
	}
	sort.SliceStable(values, func(i, j int) bool { return len(values[i].Value) > len(values[j].Value) })
	var a, l []string
	for _, s := range values {
		a = append(a, s.Value, s.Masked)
		if len(s.Value) >= secrets.MinEcho {
			l = append(l, s.Value, s.Masked)
		}
	}
	return strings.NewReplacer(a...), strings.NewReplacer(l...)
}

// replaceIn applies f to every string in x, a value made of maps, slices and scalars, map keys
// included.
func replaceIn(x any, f func(string) string) any {
	switch t := x.(type) {
	case string:
		return f(t)
	case map[string]any:
		keys := make([]string, 0, len(t))
		for k := range t {
			keys = append(keys, k)
		}
		for _, k := range keys {
			v := t[k]
			if nk := f(k); nk != k {
				delete(t, k)
				k = nk
			}
			t[k] = replaceIn(v, f)
		}
	case []any:
		for i, v := range t {
			t[i] = replaceIn(v, f)
		}
	}
	return x
}
