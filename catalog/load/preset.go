package load

import (
	"io/fs"
	"regexp"
	"strings"

	"github.com/errdocs/errdocs/catalog"
)

// presets completes each shape that names a preset from it (catalog.Shape.WithPreset), and
// fails, naming the line, on a preset that does not exist; it returns the shapes it could
// complete.
func (l *loader) presets(file string, shapes []*catalog.Shape) []*catalog.Shape {
	out := shapes[:0:0]
	for i, s := range shapes {
		if s.Preset == "" {
			out = append(out, s)
			continue
		}
		full := s.WithPreset()
		if full == nil {
			l.fail(file, l.lineOf(file, `\bpreset:\s*["']?`+regexp.QuoteMeta(s.Preset)+`["']?\s*(?:[,}#]|$)`),
				"api.shapes[%d]: unknown preset %q (want one of %s)", i, s.Preset, strings.Join(catalog.PresetNames(), ", "))
			continue
		}
		out = append(out, full)
	}
	return out
}

// checkShape reports what is wrong with a shape's match values and paths, which would
// otherwise never match or never be found.
func (l *loader) checkShape(file string, s *catalog.Shape) {
	for path, want := range s.Match {
		switch want {
		case "string", "number", "boolean", "object", "array", "null", "present", "absent":
		default:
			if !strings.HasPrefix(want, "=") {
				l.fail(file, l.lineOf(file, regexp.QuoteMeta(want)), "api.shapes[%s]: match %q: %q is not a JSON type (string, number, boolean, object, array, null), present, absent or =literal", s.Name, path, want)
			}
		}
	}
	paths := []string{s.Code, s.Message, s.Status, s.RequestID, s.Category, s.SubCode, s.DocURL, s.RetryDelay,
		s.Fields, s.FieldPath, s.FieldMessage, s.FieldCode}
	for p := range s.Match {
		paths = append(paths, p)
	}
	for _, p := range paths {
		if strings.Count(p, "[") != strings.Count(p, "]") || strings.Contains(p, "||") {
			l.fail(file, l.lineOf(file, regexp.QuoteMeta(p)), "api.shapes[%s]: path %q is malformed (a [selector] left open, or an empty alternative)", s.Name, p)
		}
	}
}

// lineOf returns the first line of file that matches pattern, or 2 (the front matter's first
// line) when none does.
func (l *loader) lineOf(file, pattern string) int {
	data, err := fs.ReadFile(l.fsys, file)
	re, rerr := regexp.Compile(pattern)
	if err != nil || rerr != nil {
		return 2
	}
	for i, ln := range strings.Split(string(data), "\n") {
		if re.MatchString(strings.TrimRight(ln, "\r")) {
			return i + 1
		}
	}
	return 2
}
