package catalog

import "testing"

func TestAPIOfBody(t *testing.T) {
	a := &API{ID: "a", Bodies: []BodyForm{{Keys: FormKey([]string{"ok=true", "result"})}, {Keys: "id,name"}}}
	b := &API{ID: "b", Bodies: []BodyForm{{Keys: "id,name"}, {Keys: FormKey([]string{"event", "payload"}), Webhook: "event"}}}
	c := &Catalog{APIs: []*API{a, b}}
	for _, tc := range []struct {
		members []string
		want    *API
	}{
		{[]string{"result", "ok=true"}, a},
		{[]string{"ok=false", "result"}, nil},
		{[]string{"payload", "event"}, b},
		{[]string{"name", "id"}, nil}, // both APIs send it
		{[]string{"result"}, nil},
		{nil, nil},
	} {
		if got := c.APIOfBody(tc.members); got != tc.want {
			t.Errorf("APIOfBody(%q) = %v, want %v", tc.members, got, tc.want)
		}
	}
}
