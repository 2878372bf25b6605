package reqcheck

import (
	"fmt"
	"strings"
	"testing"

	"github.com/errdocs/errdocs/engine/reqparse"
)

// request2KB is a 2 KB curl command for POST /v1/send with a body of several recipients,
// headers, data and an attachment, and two defects (an enum near miss and a bad address), so
// every stage runs: parsing, matching, authorization, schema checks, prediction and the fix.
func request2KB() string {
	var to []string
	for i := 0; len(strings.Join(to, ",")) < 1250; i++ {
		to = append(to, fmt.Sprintf(`{"name": "Customer %d", "email": "customer%d@example.com"}`, i, i))
	}
	to = append(to, `"not-an-address"`)
	body := `{"to": [` + strings.Join(to, ", ") + `],
  "from": {"name": "Billing", "email": "billing@example.com"},
  "subject": "Your invoice for November",
  "body": "<p>Hello {{name}}, your invoice is attached.</p>",
  "headers": {"X-Campaign": "2025-11", "X-Entity-Ref-ID": "inv-2025-11"},
  "data": {"plan": "pro", "invoice": {"value": "INV-2025-11-0042", "persistent": false}},
  "attachments": [{"filename": "invoice.pdf", "content": "JVBERi0xLjQKJeLjz9MK", "contentType": "application/pdf", "disposition": "attachmen"}]
}`
	paste := "curl https://next-api.useplunk.com/v1/send \\\n" +
		"  -H 'Authorization: Bearer sk_0f3c9a7e2b6d4e18a5c47d9e1b2f6a300f3c9a7e2b6d4e18' \\\n" +
		"  -H 'Content-Type: application/json' \\\n" +
		"  -H 'Idempotency-Key: invoice-2025-11-0042' \\\n" +
		"  -d '" + body + "'\n"
	return paste
}

func BenchmarkCheckRequest2KB(b *testing.B) {
	cat := shippedCatalog(b)
	paste := request2KB()
	if len(paste) < 1900 || len(paste) > 2300 {
		b.Fatalf("paste is %d bytes, want about 2 KB", len(paste))
	}
	req, _ := reqparse.Parse(paste)
	if rc := Check(cat, nil, req, paste); rc.Predicted == nil || rc.Predicted.Status != 422 {
		b.Fatalf("unexpected check: %+v", rc.Predicted)
	}
	b.SetBytes(int64(len(paste)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		req, _ := reqparse.Parse(paste)
		Check(cat, nil, req, paste)
	}
}

// BenchmarkCheckRequestOnly2KB times the check alone, on a request already parsed.
func BenchmarkCheckRequestOnly2KB(b *testing.B) {
	cat := shippedCatalog(b)
	paste := request2KB()
	req, _ := reqparse.Parse(paste)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Check(cat, nil, req, paste)
	}
}

func BenchmarkCheckRequest1MB(b *testing.B) {
	cat := shippedCatalog(b)
	paste := request1MB()
	req, ok := reqparse.Parse(paste)
	if !ok {
		b.Fatal("the 1 MB request does not parse")
	}
	b.SetBytes(int64(len(paste)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Check(cat, nil, req, paste)
	}
}
