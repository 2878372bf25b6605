package schema

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/errdocs/errdocs/catalog"
	"github.com/errdocs/errdocs/internal/jsonx"
	"github.com/errdocs/errdocs/internal/timetext"
)

// The keywords: enum and did-you-mean, strings, numbers, arrays and objects, the messages of
// failed keywords, and the string formats.

func (v *Validator) enumIssue(s *catalog.Schema, path []string, n *jsonx.Node, lenient bool) *Issue {
	allStrings := true
	var strs []string
	for _, e := range s.Enum {
		str, ok := e.(string)
		allStrings = allStrings && ok
		strs = append(strs, str)
	}
	if s.Const {
		return v.Issue(s, "const", path, n, lenient, Vars{expected: literal(s.Enum[0]), Value: n.Text()})
	}
	if allStrings && n.Kind != jsonx.String {
		return v.Issue(s, "type", path, n, lenient, Vars{expected: v.options(s.Enum), Received: jsonTypeName(n)})
	}
	is := v.Issue(s, "enum", path, n, lenient, Vars{options: v.options(s.Enum), Value: n.Text()})
	if allStrings {
		v.didYouMean(is, strs, n.Str)
	}
	return is
}

// didYouMean sets a hint, and a mechanical fix, when the value is a near miss of one of the
// allowed values: another case, or one or two letters off.
func (v *Validator) didYouMean(is *Issue, allowed []string, got string) {
	best, bestD := "", 1<<30
	for _, a := range allowed {
		var d int
		if strings.EqualFold(a, got) {
			d = 0
		} else {
			d = osaDistance(strings.ToLower(a), strings.ToLower(got))
		}
		if d < bestD {
			best, bestD = a, d
		}
	}
	limit := 2
	if utf8.RuneCountInString(got) <= 4 {
		limit = 1
	}
	if best == "" || bestD > limit {
		return
	}
	is.Hint = "Did you mean " + strconv.Quote(best) + "?"
	is.Fix, is.FixTo = "enum", best
}

// osaDistance is the optimal string alignment distance: insertions, deletions, substitutions
// and transpositions of neighbours each cost 1. Long strings are not compared.
func osaDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	if len(ra) > 64 || len(rb) > 64 {
		if a == b {
			return 0
		}
		return 1 << 20
	}
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := 0; j <= len(rb); j++ {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}

// UTF16Len is a string's length as JavaScript counts it.
func UTF16Len(s string) int {
	n := 0
	for _, r := range s {
		n++
		if r > 0xFFFF {
			n++
		}
	}
	return n
}

func (v *Validator) stringChecks(n *jsonx.Node, s *catalog.Schema, path []string, lenient bool) []*Issue {
	var out []*Issue
	l := -1
	length := func() int {
		if l < 0 {
			l = UTF16Len(n.Str)
		}
		return l
	}
	if s.MinLength != nil && length() < *s.MinLength {
		out = append(out, v.Issue(s, "minLength", path, n, lenient, Vars{limit: strconv.Itoa(*s.MinLength)}))
	}
	if s.MaxLength != nil && length() > *s.MaxLength {
		out = append(out, v.Issue(s, "maxLength", path, n, lenient, Vars{limit: strconv.Itoa(*s.MaxLength)}))
	}
	if s.Format != "" && !formatOK(s.Format, n.Str) {
		out = append(out, v.Issue(s, "format", path, n, lenient, Vars{format: s.Format}))
	}
	if s.Pattern != "" {
		if re := compiledPattern(s.Pattern); re != nil && !re.MatchString(n.Str) {
			out = append(out, v.Issue(s, "pattern", path, n, lenient, Vars{pattern: s.Pattern}))
		}
	}
	if len(s.Reserved) > 0 && s.ReservedIssue != nil && v.quiet == 0 {
		for _, p := range s.Reserved {
			if re := compiledPattern(p); re != nil && re.MatchString(n.Str) {
				v.Reserved = append(v.Reserved, Reserved{Issue: s.ReservedIssue, Path: keepPath(path), Node: n})
				break
			}
		}
	}
	return out
}

func formatNumber(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

func (v *Validator) numberChecks(n *jsonx.Node, s *catalog.Schema, path []string, lenient bool) []*Issue {
	f, err := strconv.ParseFloat(n.Str, 64)
	if err != nil {
		return nil
	}
	var out []*Issue
	if s.Minimum != nil && f < *s.Minimum {
		out = append(out, v.Issue(s, "minimum", path, n, lenient, Vars{limit: formatNumber(*s.Minimum)}))
	}
	if s.ExclusiveMinimum != nil && f <= *s.ExclusiveMinimum {
		out = append(out, v.Issue(s, "minimum", path, n, lenient, Vars{limit: formatNumber(*s.ExclusiveMinimum)}))
	}
	if s.Maximum != nil && f > *s.Maximum {
		out = append(out, v.Issue(s, "maximum", path, n, lenient, Vars{limit: formatNumber(*s.Maximum)}))
	}
	if s.ExclusiveMaximum != nil && f >= *s.ExclusiveMaximum {
		out = append(out, v.Issue(s, "maximum", path, n, lenient, Vars{limit: formatNumber(*s.ExclusiveMaximum)}))
	}
	return out
}

func (v *Validator) arrayChecks(n *jsonx.Node, s *catalog.Schema, path []string, lenient bool) (out []*Issue, aborted bool) {
	if s.MinItems != nil && len(n.Vals) < *s.MinItems {
		out = append(out, v.Issue(s, "minItems", path, n, lenient, Vars{limit: strconv.Itoa(*s.MinItems)}))
	}
	if s.MaxItems != nil && len(n.Vals) > *s.MaxItems {
		out = append(out, v.Issue(s, "maxItems", path, n, lenient, Vars{limit: strconv.Itoa(*s.MaxItems)}))
	}
	if s.Items != nil {
		for i, it := range n.Vals {
			is, ab := v.Validate(it, s.Items, appendPath(path, strconv.Itoa(i)), lenient)
			out = append(out, is...)
			aborted = aborted || ab
		}
	}
	if t := s.MaxTotalLength; t != nil && t.Max > 0 && !aborted {
		total := 0
		for _, it := range n.Vals {
			if p := Member(it, t.Property); p != nil && p.Kind == jsonx.String {
				total += UTF16Len(p.Str)
			}
		}
		if total > t.Max {
			is := v.Issue(s, "rule", path, n, lenient, Vars{})
			if t.Issue != nil {
				is.Message, is.Code = t.Issue.Message, t.Issue.Code
				if t.Issue.Field != "" {
					is.Path = strings.Split(t.Issue.Field, ".")
					if len(path) > 1 {
						is.Path = append(append([]string{}, path[:len(path)-1]...), is.Path...)
					}
				}
			}
			out = append(out, is)
		}
	}
	return out, aborted
}

func (v *Validator) objectChecks(n *jsonx.Node, s *catalog.Schema, path []string, lenient bool) (out []*Issue, aborted bool) {
	add := func(is []*Issue, ab bool) {
		out = append(out, is...)
		aborted = aborted || ab
	}
	for _, p := range s.Properties {
		child := Member(n, p.Name)
		cpath := appendPath(path, p.Name)
		if child == nil {
			if slices.Contains(s.Required, p.Name) {
				is := v.RequiredIssue(s, p.Schema, cpath, n, lenient)
				add([]*Issue{is}, !is.Lenient)
			}
			continue
		}
		add(v.Validate(child, p.Schema, cpath, lenient))
	}
	for _, r := range s.Required {
		if Member(n, r) != nil {
			continue
		}
		declared := false
		for _, p := range s.Properties {
			declared = declared || p.Name == r
		}
		if !declared {
			is := v.RequiredIssue(s, nil, appendPath(path, r), n, lenient)
			add([]*Issue{is}, !is.Lenient)
		}
	}
	if s.NoAdditional || s.AdditionalProperties != nil || s.PropertyNames != nil {
		var extra []string
		for _, m := range n.Vals {
			declared := false
			for _, p := range s.Properties {
				declared = declared || p.Name == m.Key
			}
			if s.PropertyNames != nil {
				key := &jsonx.Node{Kind: jsonx.String, Str: m.Key, Off: m.KeyOff, KeyOff: -1}
				if m.KeyOff < 0 {
					key.Off = m.Off
				}
				is, _ := v.Validate(key, s.PropertyNames, appendPath(path, m.Key), lenient)
				add(is, false)
			}
			if declared {
				continue
			}
			if s.NoAdditional {
				extra = append(extra, m.Key)
			} else if s.AdditionalProperties != nil {
				add(v.Validate(m, s.AdditionalProperties, appendPath(path, m.Key), lenient))
			}
		}
		if len(extra) > 0 {
			quoted := make([]string, len(extra))
			for i, k := range extra {
				quoted[i] = "'" + k + "'"
			}
			is := v.Issue(s, "additional", path, n, lenient, Vars{keys: strings.Join(quoted, ", ")})
			add([]*Issue{is}, false)
		}
	}
	if aborted {
		return out, aborted
	}
	// Rules across fields run once the fields themselves are sound.
	union := s.AnyOf
	if len(union) == 0 {
		union = s.OneOf
	}
	if constraintOnly(union) && !v.anyPasses(n, union, path) {
		if ri := s.RuleIssue; ri != nil && ri.Status != 0 {
			if v.quiet == 0 {
				v.Answers = append(v.Answers, Answer{Issue: ri, Path: keepPath(path), Node: n})
			}
		} else {
			is := v.Issue(s, "rule", path, n, lenient, Vars{})
			if ri != nil {
				is.Message, is.Code = ri.Message, ri.Code
				if ri.Field != "" {
					is.Path = append(append([]string{}, path...), strings.Split(ri.Field, ".")...)
					is.Node, is.Parent = Member(n, ri.Field), n
				}
			}
			add([]*Issue{is}, false)
		}
	}
	if v.quiet == 0 {
		for _, need := range s.Needed {
			if Member(n, need.Field) != nil {
				continue
			}
			h := Needed{Need: need, Path: keepPath(appendPath(path, need.Field)), Parent: n}
			for _, u := range need.Unless {
				h.Maybe = h.Maybe || Member(n, u) != nil
			}
			v.Needed = append(v.Needed, h)
		}
	}
	return out, aborted
}

// anyPasses reports whether n meets one of the constraint branches.
func (v *Validator) anyPasses(n *jsonx.Node, branches []*catalog.Schema, path []string) bool {
	v.quiet++
	ok := false
	for _, b := range branches {
		if is, _ := v.Validate(n, b, path, false); len(blocking(is)) == 0 {
			ok = true
			break
		}
	}
	v.quiet--
	return ok
}

// RequiredIssue is the issue of a required property missing from n, worded as the API words it.
func (v *Validator) RequiredIssue(parent, prop *catalog.Schema, path []string, n *jsonx.Node, lenient bool) *Issue {
	// The property's own message for being required wins over the object's and the API's.
	var s *catalog.Schema = parent
	if ps := v.Resolve(prop); ps != nil && ps.Messages["required"] != "" {
		s = ps
	}
	is := v.Issue(s, "required", path, nil, lenient || lenientFor(parent, "required"), Vars{Received: "undefined"})
	is.Parent = n
	return is
}

// schemaKeys are the x-errdocs-messages keys that word an issue keyword: the keyword itself,
// unless it is one of those below.
func schemaKeys(keyword string) []string {
	switch keyword {
	case "integer":
		return []string{"integer", "type"}
	case "union":
		return []string{"oneOf", "anyOf"}
	case "discriminator":
		return []string{"oneOf", "anyOf", "discriminator"}
	case "const":
		return []string{"const", "enum"}
	case "additional":
		return []string{"additionalProperties"}
	}
	return []string{keyword}
}

// builtinMessage words a keyword when neither the schema nor the API does.
func builtinMessage(keyword string) string {
	switch keyword {
	case "required":
		return "is required"
	case "type":
		return "must be {expected}"
	case "integer":
		return "must be an integer"
	case "enum":
		return "must be one of {options}"
	case "const":
		return "must be {expected}"
	case "format":
		return "must be a valid {format}"
	case "pattern":
		return "must match pattern {pattern}"
	case "minLength":
		return "must be at least {limit} characters"
	case "maxLength":
		return "must be at most {limit} characters"
	case "minItems":
		return "must have at least {limit} items"
	case "maxItems":
		return "must have at most {limit} items"
	case "minimum":
		return "must be at least {limit}"
	case "maximum":
		return "must be at most {limit}"
	case "union":
		return "does not match any allowed form"
	case "discriminator":
		return "must be one of {options}"
	case "additional":
		return "is not allowed: {keys}"
	case "rule":
		return "is invalid"
	}
	return ""
}

// Issue builds an Issue worded as the API words it.
func (v *Validator) Issue(s *catalog.Schema, keyword string, path []string, n *jsonx.Node, lenient bool, vars Vars) *Issue {
	is := &Issue{Path: keepPath(path), Keyword: keyword, Node: n,
		Lenient: lenient || lenientFor(s, keyword) || keyword == "integer" && lenientFor(s, "type")}
	switch keyword {
	case "required", "type", "enum", "const", "union", "discriminator":
		is.Abort = !is.Lenient
	}
	text, found := catalog.IssueText{}, false
	if keyword == "format" {
		text, found = v.Pred.Messages["format."+vars.format]
	}
	if !found {
		text, found = v.Pred.Messages[keyword]
	}
	if !found {
		text = catalog.IssueText{Message: builtinMessage(keyword)}
	}
	keys := schemaKeys(keyword)
	if s != nil {
		for _, k := range keys {
			if m := s.Messages[k]; m != "" {
				text.Message = m
				break
			}
		}
	}
	is.Message = Expand(text.Message, vars)
	is.Code = text.Code
	if text.Received != "" {
		is.Received = Expand(text.Received, vars)
	}
	return is
}

// Vars fill the {names} of a message.
type Vars struct {
	limit, expected, Received, Value, options, format, pattern, keys string
}

func (m *Vars) get(name string) (string, bool) {
	switch name {
	case "limit":
		return m.limit, true
	case "expected":
		return m.expected, true
	case "received":
		return m.Received, true
	case "value":
		return m.Value, true
	case "options":
		return m.options, true
	case "format":
		return m.format, true
	case "pattern":
		return m.pattern, true
	case "keys":
		return m.keys, true
	}
	return "", false
}

// Expand fills {name} in a message.
func Expand(msg string, vars Vars) string {
	if !strings.Contains(msg, "{") {
		return msg
	}
	var b strings.Builder
	for {
		i := strings.IndexByte(msg, '{')
		if i < 0 {
			break
		}
		j := strings.IndexByte(msg[i:], '}')
		if j < 0 {
			break
		}
		if val, ok := vars.get(msg[i+1 : i+j]); ok {
			b.WriteString(msg[:i])
			b.WriteString(val)
		} else {
			b.WriteString(msg[:i+j+1])
		}
		msg = msg[i+j+1:]
	}
	b.WriteString(msg)
	return b.String()
}

var patternCache sync.Map // string → *regexp.Regexp (nil when it does not compile)

func compiledPattern(p string) *regexp.Regexp {
	if re, ok := patternCache.Load(p); ok {
		return re.(*regexp.Regexp)
	}
	re, err := regexp.Compile(p)
	if err != nil {
		re = nil
	}
	patternCache.Store(p, re)
	return re
}

// formatOK checks the formats the APIs use. Unknown formats pass.
func formatOK(format, s string) bool {
	switch format {
	case "email":
		return emailOK(s)
	case "uuid":
		return uuidOK(s)
	case "uri", "url":
		return uriOK(s)
	case "date-time":
		return timetext.RFC3339(s)
	case "date":
		return timetext.Date(s)
	}
	return true
}

// emailOK follows zod's e-mail pattern: a local part of letters, digits and _'+-. that does
// not start with a dot and ends with a letter, digit, _, + or -; no two dots in a row; and a
// domain of dotted labels ending in a top-level domain of two letters or more.
func emailOK(s string) bool {
	at := strings.LastIndexByte(s, '@')
	if at <= 0 || strings.Contains(s, "..") || s[0] == '.' {
		return false
	}
	local, domain := s[:at], s[at+1:]
	for i := 0; i < len(local); i++ {
		c := local[i]
		if !(isAlnumByte(c) || strings.IndexByte("_'+-.", c) >= 0) {
			return false
		}
	}
	if last := local[len(local)-1]; !(isAlnumByte(last) || strings.IndexByte("_+-", last) >= 0) {
		return false
	}
	dot := strings.LastIndexByte(domain, '.')
	if dot < 0 {
		return false
	}
	tld := domain[dot+1:]
	if len(tld) < 2 {
		return false
	}
	for i := 0; i < len(tld); i++ {
		if !(tld[i] >= 'a' && tld[i] <= 'z' || tld[i] >= 'A' && tld[i] <= 'Z') {
			return false
		}
	}
	for rest := domain[:dot+1]; rest != ""; {
		i := strings.IndexByte(rest, '.')
		l := rest[:i]
		rest = rest[i+1:]
		if l == "" || !isAlnumByte(l[0]) {
			return false
		}
		for j := 0; j < len(l); j++ {
			if !isAlnumByte(l[j]) && l[j] != '-' {
				return false
			}
		}
	}
	return true
}

func isAlnumByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func uuidOK(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i := 0; i < 36; i++ {
		switch i {
		case 8, 13, 18, 23:
			if s[i] != '-' {
				return false
			}
		default:
			if !isHexDigit(s[i]) {
				return false
			}
		}
	}
	return true
}

func isHexDigit(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// uriOK accepts what a URL parser would: a scheme, and for hierarchical schemes a host.
func uriOK(s string) bool {
	i := strings.IndexByte(s, ':')
	if i <= 0 || strings.ContainsAny(s, " \t\r\n") {
		return false
	}
	for j := 0; j < i; j++ {
		c := s[j]
		if !(isAlnumByte(c) || j > 0 && strings.IndexByte("+.-", c) >= 0) || j == 0 && !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			return false
		}
	}
	rest := s[i+1:]
	switch strings.ToLower(s[:i]) {
	case "http", "https", "ws", "wss", "ftp":
		rest = strings.TrimPrefix(rest, "//")
		host := rest
		if k := strings.IndexAny(host, "/?#"); k >= 0 {
			host = host[:k]
		}
		return host != ""
	}
	return rest != ""
}
