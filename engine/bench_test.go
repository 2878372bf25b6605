package engine

import (
	"fmt"
	"maps"
	"slices"
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

// toolPastes1MB are 1 MB pastes of each family package unwrap reads (issue 13 §1), each with
// its exchange at the end, so every reader runs over the whole paste before it finds it.
func toolPastes1MB() map[string]string {
	body := func(n int) string {
		var b strings.Builder
		b.WriteString(`{"success":false,"error":{"code":"VALIDATION_ERROR","message":"Request validation failed","statusCode":422,"requestId":"0b9f3c1e-2d4a-4b6c-8e0f-1a2b3c4d5e6f","errors":[`)
		for i := 0; b.Len() < n; i++ {
			if i > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, `{"field":"to.%d","message":"Invalid email","code":"invalid_string"}`, i)
		}
		b.WriteString(`]},"timestamp":"2025-11-30T10:30:00.000Z"}`)
		return b.String()
	}
	lines := func(line func(i int) string, last string) string {
		var b strings.Builder
		for i := 0; b.Len() < 1<<20; i++ {
			b.WriteString(line(i))
		}
		b.WriteString(last)
		return b.String()
	}
	// The body of paste1MB: one field issue and a large echo of the request, so the figures
	// measure the readers rather than the handling of thousands of field issues.
	big := strings.TrimSpace(paste1MB()[strings.Index(paste1MB(), "\n\n")+2:])
	inspect := strings.NewReplacer(`"success"`, "success", `"error"`, "error", `"code"`, "code", `"message"`, "message", `"field"`, "field",
		`"statusCode"`, "statusCode", `"requestId"`, "requestId", `"errors"`, "errors", `"timestamp"`, "timestamp", `"details"`, "details",
		`"received"`, "received", `"email"`, "email", `"name"`, "name", `"data"`, "data", `"plan"`, "plan", `"seats"`, "seats", `"`, "'").Replace(big)
	return map[string]string{
		"powershell":   "Invoke-RestMethod: " + big + "\n",
		"util.inspect": "AxiosError: Request failed with status code 422\n    at settle (/app/node_modules/axios/dist/node/axios.cjs:2019:12) {\n  code: 'ERR_BAD_REQUEST',\n  config: { method: 'post', url: 'https://next-api.useplunk.com/v1/send' },\n  response: {\n    status: 422,\n    headers: Object [AxiosHeaders] { 'x-request-id': '0b9f3c1e' },\n    data: " + inspect + "\n  },\n  status: 422\n}\n",
		"json log lines": lines(func(i int) string {
			return fmt.Sprintf(`{"level":"info","time":"2025-11-30T10:30:00.000Z","msg":"sent","status":200,"request_id":"r%d"}`+"\n", i)
		}, `{"level":"error","msg":"send failed","status":422,"body":"{\"success\":false,\"error\":{\"code\":\"VALIDATION_ERROR\",\"statusCode\":422}}"}`+"\n"),
		"logfmt lines": lines(func(i int) string {
			return fmt.Sprintf("time=2025-11-30T10:30:00Z level=INFO msg=sent status=200 request_id=r%d\n", i)
		}, `time=2025-11-30T10:30:00Z level=ERROR msg="send failed" status=422 body="{\"success\":false,\"error\":{\"code\":\"VALIDATION_ERROR\",\"statusCode\":422}}"`+"\n"),
		"logcat okhttp": lines(func(i int) string {
			return fmt.Sprintf("11-30 10:30:00.101  4321  4398 I okhttp.OkHttpClient: x-trace-%d: abc\n", i)
		}, "11-30 10:30:00.283  4321  4398 I okhttp.OkHttpClient: <-- 422 https://next-api.useplunk.com/v1/send (181ms)\n11-30 10:30:00.283  4321  4398 I okhttp.OkHttpClient: \n11-30 10:30:00.284  4321  4398 I okhttp.OkHttpClient: "+body(200)+"\n"),
		"plain body (control)": "HTTP/1.1 422 Unprocessable Entity\n\n" + big + "\n",
		"html-escaped body":    "HTTP/1.1 422 Unprocessable Entity\n\n" + strings.ReplaceAll(big, `"`, "&quot;") + "\n",
		"trailing commas":      "HTTP/1.1 422 Unprocessable Entity\n\n" + strings.ReplaceAll(big, `}`, `,}`) + "\n",
		"braces in a log":      "ERROR " + strings.Repeat("{a: ", 1<<18) + "\n",
		"plain text lines": lines(func(i int) string {
			return fmt.Sprintf("worker %d picked up job %d and finished it without trouble\n", i%7, i)
		}, "send failed: 422 Unprocessable Entity\n"),
		"python reprs": "requests.exceptions.HTTPError: 422 Client Error: Unprocessable Entity for url: https://next-api.useplunk.com/v1/send\n" +
			strings.NewReplacer(`"`, "'", "false", "False", "true", "True", "null", "None").Replace(big) + "\n",
		"python header dicts": lines(func(i int) string { return fmt.Sprintf("{'Date': 'Sun, 30 Nov 2025', 'X-N': '%d'}\n", i) }, "HTTP Error 422: x\n"),
	}
}

// BenchmarkExplain1MBTools explains a 1 MB paste of each family of tool output (issue 14's
// budget: 30 ms per MB).
func BenchmarkExplain1MBTools(b *testing.B) {
	pastes := toolPastes1MB()
	for _, name := range slices.Sorted(maps.Keys(pastes)) {
		b.Run(name, func(b *testing.B) { benchExplain(b, pastes[name]) })
	}
}
