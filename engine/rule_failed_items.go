package engine

import (
	"cmp"
	"strconv"
	"strings"

	"github.com/errdocs/errdocs/internal/jsonx"
	"github.com/errdocs/errdocs/internal/printf"
)

// ruleFailedItems: a success with a failure inside it: batch items whose status says they
// failed, a job or webhook event that reports a failure, an inbound event the API ignored.
func ruleFailedItems(e *explainer) {
	if e.b.root == nil || e.v.Code != "" || e.v.Status != 0 && e.v.Status/100 != 2 {
		return
	}
	var failed []string
	var walk func(x *jsonx.Node, path string, depth int)
	walk = func(x *jsonx.Node, path string, depth int) {
		if st := x.Get("status").Text() + "|" + x.Get("state").Text() + "|" + x.Get("event_type").Text(); x.Kind == jsonx.Object &&
			(strings.Contains(st, "failed") || strings.HasPrefix(st, "error|") || x.Get("success").Text() == "false") {
			code := cmp.Or(x.Get("error.code").Text(), x.Get("error").Text(), x.Get("code").Text(), x.Get("event_type").Text(), x.Get("status").Text(), x.Get("state").Text())
			failed = append(failed, printf.Sprintf("%s (%s)", map[bool]string{true: "the body", false: "`" + path + "`"}[path == ""], printf.Clip(code, 60)))
			return // what it holds tells of the same failure
		} else if x.Get("ignored").Text() == "true" {
			e.problem("warning", "The API accepted this event but ignored it (\"ignored\": true), so it triggered nothing: check the provider and the event type the endpoint acts on.", e.p.resp.at(x.Get("ignored").Off))
		}
		for i := 0; i < len(x.Vals) && depth < 4 && len(failed) < 1000; i++ {
			key := x.Vals[i].Key
			if x.Kind == jsonx.Array {
				key = strconv.Itoa(i)
			}
			walk(x.Vals[i], strings.TrimPrefix(path+"."+key, "."), depth+1)
		}
	}
	walk(e.b.root, "", 0)
	if len(failed) > 0 && e.v.Status == 0 {
		e.problem("error", "This payload reports a failure: "+joinAnd(failed[:min(3, len(failed))])+".", e.p.resp.at(0))
	} else if len(failed) > 0 {
		e.problem("error", printf.Sprintf("The response reports success (%d), yet %d %s failed: %s%s.", e.v.Status, len(failed), plural(len(failed), "item", "items"),
			joinAnd(failed[:min(3, len(failed))]), map[bool]string{true: ", and more"}[len(failed) > 3]), e.p.resp.at(0))
	}
}
