package engine

import (
	"fmt"
	"strings"
	"testing"
)

// paste2KB is a realistic 2 KB paste: a curl -i transcript with a 422 and field errors.
func paste2KB() string {
	var b strings.Builder
	b.WriteString("$ curl -i https://next-api.useplunk.com/v1/send \\\n  -H 'Authorization: Bearer sk_4f1a9c0b2e7d4a6f8b1c3d5e7f9a0b2c4d6e8f0a1b2c3d4e' \\\n  -H 'Content-Type: application/json' \\\n")
	b.WriteString(`  -d '{"to":"ada@example.com","subject":"Your receipt","body":"<p>Thanks for your order.</p>","template":"welcome","from":"shop@example.com"}'` + "\n")
	b.WriteString("HTTP/1.1 422 Unprocessable Entity\nContent-Type: application/json; charset=utf-8\nX-Request-ID: 0b9f3c1e-2d4a-4b6c-8e0f-1a2b3c4d5e6f\nRateLimit-Limit: 50\nRateLimit-Remaining: 49\nRateLimit-Reset: 1\n\n")
	b.WriteString(`{"success":false,"error":{"code":"VALIDATION_ERROR","message":"Request validation failed","statusCode":422,"requestId":"0b9f3c1e-2d4a-4b6c-8e0f-1a2b3c4d5e6f","errors":[`)
	for i := 0; b.Len() < 1900; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"field":"attachments.%d.contentType","message":"String must contain at least 1 character(s)","code":"too_small"}`, i)
	}
	b.WriteString(`],"suggestion":"Please check the API documentation for the correct request format."},"timestamp":"2025-11-30T10:30:00.000Z"}` + "\n")
	return b.String()
}

// paste1MB is a 1 MB response: a Plunk 422 whose details carry a large echo of the request.
func paste1MB() string {
	var b strings.Builder
	b.WriteString("HTTP/1.1 422 Unprocessable Entity\nContent-Type: application/json; charset=utf-8\nX-Request-ID: 0b9f3c1e-2d4a-4b6c-8e0f-1a2b3c4d5e6f\n\n")
	b.WriteString(`{"success":false,"error":{"code":"VALIDATION_ERROR","message":"Request validation failed","statusCode":422,"requestId":"0b9f3c1e-2d4a-4b6c-8e0f-1a2b3c4d5e6f","errors":[{"field":"to","message":"Invalid email","code":"invalid_string"}],"details":{"received":[`)
	for i := 0; b.Len() < 1<<20; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"email":"user%d@example.com","name":"Customer number %d","data":{"plan":"pro","seats":%d}}`, i, i, i%50)
	}
	b.WriteString(`]}},"timestamp":"2025-11-30T10:30:00.000Z"}` + "\n")
	return b.String()
}

func benchExplain(b *testing.B, paste string) {
	cat := shippedCatalog(b)
	Explain(cat, paste, testOpts) // warm the redactor cache
	b.SetBytes(int64(len(paste)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		Explain(cat, paste, testOpts)
	}
}

// BenchmarkExplain2KB explains a 2 KB curl -i transcript: the command, then the response.
func BenchmarkExplain2KB(b *testing.B) { benchExplain(b, paste2KB()) }

// BenchmarkExplain2KBResponse explains the same transcript's 2 KB response alone.
func BenchmarkExplain2KBResponse(b *testing.B) {
	p := paste2KB()
	p = p[strings.Index(p, "HTTP/1.1"):]
	for len(p) < 2048 {
		p = strings.Replace(p, "RateLimit-Reset: 1\n", "RateLimit-Reset: 1\nVia: 1.1 proxy.example.net\n", 1)
	}
	benchExplain(b, p)
}
func BenchmarkExplain1MB(b *testing.B) { benchExplain(b, paste1MB()) }
