package apiref

import (
	"fmt"
	"strings"

	"github.com/errdocs/errdocs/catalog"
	"github.com/errdocs/errdocs/engine"
	"github.com/errdocs/errdocs/engine/reqcheck"
	"github.com/errdocs/errdocs/engine/reqparse"
)

// The engine at build time, for operation pages: every example an operation's page shows is
// checked here (Check) before the pages render, and a failure is a build error at the
// example's line in openapi.yaml (the operation's line when the loader gives none).
//
//   - An example request is written as a curl command by reqcheck.ExampleCurl, read back by
//     reqparse.Parse and checked by reqcheck.Check, twice: as shown, with a placeholder
//     key, and with a sample key of the kind the operation takes, so the key check runs too.
//     Both must be predicted to succeed (Predicted.Check "ok", the operation's success status)
//     with no error-level problem.
//   - An error example is shown as the answer it is, status line and body, and engine.Explain
//     must read it as the API's, with a code and status the catalog has an entry for; the entry
//     must then pass engine.CheckExample, the rule every error page's examples meet, and the
//     example links to the entry's page.

// Examples are an operation's examples, checked, for NewPage.
type Examples struct {
	requests  []checkedRequest
	noRequest string
	responses []checkedResponse
}

type checkedRequest struct {
	title     Rich
	curl      string
	predicted int
}

type checkedResponse struct {
	resp     *catalog.Response
	examples []checkedAnswer
}

type checkedAnswer struct {
	title      Rich
	text, lang string
	// checked says the example is an error the engine decoded; entry, code and status are
	// what it read.
	checked bool
	entry   *catalog.Entry
	code    string
	status  int
}

// answerCheck is what checking one error example found.
type answerCheck struct {
	entry  *catalog.Entry
	code   string
	status int
	err    string
}

// placeholderKey is the key shown in an operation's curl commands: "$PLUNK_SECRET_KEY".
func placeholderKey(a *catalog.API, op *catalog.Operation) string {
	kind := "API"
	if op.Key != "" {
		kind = op.Key
	}
	return "$" + strings.ToUpper(strings.ReplaceAll(catalog.Slug(a.ID+" "+kind+" key"), "-", "_"))
}

// sampleKey is a made-up key of the kind an operation takes, in the API's format; "" when the
// API declares no keys.
func sampleKey(a *catalog.API, op *catalog.Operation) string {
	for _, k := range a.Keys {
		if op.Key == "" || k.Kind == op.Key {
			return k.Prefix + "0f3c9a7e2b6d4e18a5c47d9e1b2f6a30"
		}
	}
	return ""
}

// checker is one build's check of the examples.
type checker struct {
	cat       *catalog.Catalog
	entryPage func(path string) *catalog.Entry
	fail      func(file string, line int, msg string)
	failed    map[string]bool // build errors already reported once (failOnce)
}

// failOnce records a build error unless the same one was recorded already (an example that
// several operations share is checked for each).
func (c *checker) failOnce(file string, line int, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	key := fmt.Sprintf("%s:%d: %s", file, line, msg)
	if c.failed[key] {
		return
	}
	c.failed[key] = true
	c.fail(file, line, msg)
}

// Check checks the examples of every operation of the catalog, and returns them for the
// operations' pages. It reports each failure once, through fail, at the example's line of the
// API's openapi.yaml. entryPage returns the catalog entry whose error page is at a site path, or
// nil: a codeless entry is found by its page, the way the engine finds it.
func Check(cat *catalog.Catalog, entryPage func(path string) *catalog.Entry, fail func(file string, line int, msg string)) map[*catalog.Operation]*Examples {
	c := &checker{cat: cat, entryPage: entryPage, fail: fail, failed: map[string]bool{}}
	out := map[*catalog.Operation]*Examples{}
	answers := map[string]answerCheck{}
	for _, a := range cat.APIs {
		file := OpenAPIFile(a)
		for _, op := range a.Operations {
			d := &Examples{}
			out[op] = d
			c.checkRequests(a, op, d, file)
			for _, resp := range op.Responses {
				cr := checkedResponse{resp: resp}
				for _, ex := range resp.Examples {
					text, lang := responseText(resp.Status, ex.Body)
					ans := checkedAnswer{title: exampleTitle(ex.Name, ex.Summary), text: text, lang: lang}
					if resp.Status == 0 || resp.Status >= 400 {
						chk, ok := answers[a.ID+"\x00"+text]
						if !ok {
							chk = c.checkAnswer(a, resp.Status, text)
							answers[a.ID+"\x00"+text] = chk
						}
						if chk.err != "" {
							c.failOnce(file, lineOr(ex.Line, op.Line), "%s, %s example %q: %s", op.Name(), answerLabel(resp.Status), ex.Name, chk.err)
						} else {
							ans.checked, ans.entry, ans.code, ans.status = true, chk.entry, chk.code, chk.status
						}
					}
					cr.examples = append(cr.examples, ans)
				}
				d.responses = append(d.responses, cr)
			}
		}
	}
	return out
}

func lineOr(line, fallback int) int {
	if line > 0 {
		return line
	}
	return fallback
}

func answerLabel(status int) string {
	if status == 0 {
		return "default answer"
	}
	return fmt.Sprintf("%d answer", status)
}

// exampleTitle is an example's summary, or else its name.
func exampleTitle(name, summary string) Rich {
	if summary != "" {
		return richFrom(summary)
	}
	return Rich{}.text("Example ").code(name)
}

// checkRequests checks an operation's example requests. An operation without examples gets
// one without a body, when it needs none.
func (c *checker) checkRequests(a *catalog.API, op *catalog.Operation, d *Examples, file string) {
	if op.Success == 0 {
		d.noRequest = "the endpoint never succeeds"
		return
	}
	var list []*catalog.RequestExample
	for i := range op.Examples {
		ex := op.Examples[i]
		ex.Body = plainJSON(ex.Body)
		list = append(list, &ex)
	}
	if len(list) == 0 {
		for _, p := range op.Params {
			if p.Required && p.In != "path" {
				d.noRequest = "it needs the " + p.Name + " " + p.In + " parameter, and openapi.yaml has no example of it"
				return
			}
		}
		if op.BodyRequired {
			d.noRequest = "openapi.yaml has no example body"
			return
		}
		list = append(list, nil)
	}
	for _, ex := range list {
		var title Rich
		name, line := "", op.Line
		if ex != nil {
			name, line, title = ex.Name, lineOr(ex.Line, op.Line), exampleTitle(ex.Name, ex.Summary)
		}
		shown := reqcheck.ExampleCurl(a, op, ex, placeholderKey(a, op))
		predicted, msg := c.checkRequest(a, op, shown)
		if msg == "" && op.Scope != "none" {
			if k := sampleKey(a, op); k != "" {
				if _, m := c.checkRequest(a, op, reqcheck.ExampleCurl(a, op, ex, k)); m != "" {
					msg = m + " (with the sample key " + k + ")"
				}
			}
		}
		if msg != "" {
			what := "the example request"
			if name != "" {
				what = fmt.Sprintf("example request %q", name)
			}
			c.failOnce(file, line, "%s, %s: %s", op.Name(), what, msg)
			continue
		}
		d.requests = append(d.requests, checkedRequest{title: title, curl: shown, predicted: predicted})
	}
}

// checkRequest checks a curl command against its operation; it returns the predicted status, or
// why the command does not pass.
func (c *checker) checkRequest(a *catalog.API, op *catalog.Operation, paste string) (int, string) {
	req, ok := reqparse.Parse(paste)
	if !ok {
		return 0, "errdocs cannot read the curl command it writes for it"
	}
	rc := reqcheck.Check(c.cat, a, req, paste)
	if rc.Operation != op.Name() {
		return 0, fmt.Sprintf("the request is read as calling %q", rc.Operation)
	}
	for _, p := range rc.Problems {
		if p.Severity == "error" {
			where := ""
			if p.Pointer != "" {
				where = " at " + p.Pointer
			}
			return 0, fmt.Sprintf("it does not validate%s: %s (%s)", where, p.Message, p.Check)
		}
	}
	pr := rc.Predicted
	switch {
	case pr == nil:
		return 0, "errdocs cannot predict the answer"
	case pr.Check != "ok":
		return 0, fmt.Sprintf("errdocs predicts %d %s (check %s), not success", pr.Status, pr.Code, pr.Check)
	case pr.Status != op.Success:
		return 0, fmt.Sprintf("errdocs predicts status %d, not the success status %d", pr.Status, op.Success)
	}
	return pr.Status, ""
}

// checkAnswer decodes an error example and finds its catalog entry.
func (c *checker) checkAnswer(a *catalog.API, status int, text string) answerCheck {
	cat := c.cat
	v := engine.Explain(cat, text)
	if v.API != a.ID {
		return answerCheck{err: fmt.Sprintf("the engine reads it as coming from API %q, not %q", v.API, a.ID)}
	}
	if status == 0 {
		status = v.Status
	}
	var e *catalog.Entry
	if v.Code != "" {
		e = entryFor(a, v.Code, status, v.Message)
	}
	if pe := c.entryPage(v.Docs); e == nil && pe != nil && pe.API == a && pe.Code == "" {
		// A codeless entry stands for whatever its shape and status carry: the engine picks it
		// by shape and status.
		e = pe
	}
	if e == nil {
		code := v.Code
		if code == "" {
			code = "no code"
		}
		return answerCheck{err: fmt.Sprintf("it decodes to %s, status %d, which no %s catalog entry documents", code, v.Status, a.Name)}
	}
	if _, err := engine.CheckExample(cat, e, text); err != nil {
		return answerCheck{err: fmt.Sprintf("%v (%s)", err, e.Source)}
	}
	return answerCheck{entry: e, code: v.Code, status: v.Status}
}
