package load

import (
	"strconv"

	"github.com/errdocs/errdocs/catalog"
)

// addForm records the top level of an example body, v, as one of the API's BodyForms, unless
// it is not an object or the API has that form already.
func (r *oaReader) addForm(v *ynode, webhook string) {
	if v == nil || v.kind != yMap {
		return
	}
	members := make([]string, len(v.keys))
	for i, k := range v.keys {
		members[i] = k
		if b, ok := v.vals[i].val.(bool); ok && v.vals[i].kind == yScalar {
			members[i] += "=" + strconv.FormatBool(b)
		}
	}
	f := catalog.BodyForm{Keys: catalog.FormKey(members), Webhook: webhook}
	for _, g := range r.api.Bodies {
		if g.Keys == f.Keys {
			return
		}
	}
	r.api.Bodies = append(r.api.Bodies, f)
}

// webhooks reads the payload examples of the document's webhooks (OpenAPI 3.1), as body forms.
func (r *oaReader) webhooks() {
	hooks := r.root.get("webhooks")
	if hooks == nil {
		return
	}
	for i, name := range hooks.keys {
		item := r.deref(hooks.vals[i], "pathItems")
		for j, m := range item.keys {
			if !contains(methods, m) {
				continue
			}
			rb := item.vals[j].get("requestBody")
			if rb == nil {
				r.fail(item.vals[j], "webhooks: %s %s has no requestBody", name, m)
				continue
			}
			for _, c := range r.deref(rb, "requestBodies").get("content").vals {
				for _, ex := range c.get("examples").vals {
					r.addForm(r.deref(ex, "examples").get("value"), name)
				}
				r.addForm(c.get("example"), name)
			}
		}
	}
}
