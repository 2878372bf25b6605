package testkit

import (
	"strconv"
	"strings"
	"time"
)

// HAR writes a HAR file of n entries as DevTools saves them (indented), for the triage
// benchmarks (engine/triage, the playground's bench-wasm) and tests, each answer padded
// to about pad bytes: one in four a Plunk 422 with a field error, one in ten a 429, one in
// twenty with no response, the rest 200s whose JSON lists contacts.
func HAR(n, pad int) string {
	var b strings.Builder
	b.WriteString("{\n  \"log\": {\n    \"version\": \"1.2\",\n    \"creator\": {\"name\": \"WebInspector\", \"version\": \"537.36\"},\n    \"pages\": [],\n    \"entries\": [")
	start := time.Date(2026, 12, 4, 10, 0, 0, 0, time.UTC)
	for i := range n {
		if i > 0 {
			b.WriteString(",")
		}
		status, body := 200, `{"success":true,"contacts":[`
		switch {
		case i%20 == 19:
			status, body = 0, ""
		case i%4 == 1:
			status, body = 422, `{"success":false,"error":{"code":"VALIDATION_ERROR","message":"Request validation failed","statusCode":422,"requestId":"0b9f3c1e-2d4a-4b6c-8e0f-`+strconv.Itoa(100000000000+i)+`","errors":[{"field":"email","message":"Invalid email","code":"invalid_string"}]},"details":[`
		case i%10 == 3:
			status, body = 429, `{"success":false,"error":{"code":"RATE_LIMIT_EXCEEDED","message":"Rate limit exceeded","statusCode":429},"details":[`
		}
		if body != "" {
			for j := 0; len(body) < pad; j++ {
				if j > 0 {
					body += ","
				}
				body += `{"id":"c_` + strconv.Itoa(j) + `","email":"user` + strconv.Itoa(j) + `@example.com","subscribed":true}`
			}
			body += "]}"
		}
		b.WriteString("\n      {\n        \"startedDateTime\": \"" + start.Add(time.Duration(i)*250*time.Millisecond).Format(time.RFC3339Nano) + "\",\n        \"time\": 120.5,\n")
		b.WriteString("        \"request\": {\"method\": \"POST\", \"url\": \"https://next-api.useplunk.com/v1/track\", \"httpVersion\": \"h2\", \"headers\": [{\"name\": \":path\", \"value\": \"/v1/track\"}, {\"name\": \"authorization\", \"value\": \"Bearer pk_4f1a9c0b2e7d4a6f8b1c3d5e7f9a0b2c\"}, {\"name\": \"content-type\", \"value\": \"application/json\"}], \"queryString\": [], \"cookies\": [], \"headersSize\": -1, \"bodySize\": 44,\n")
		b.WriteString("          \"postData\": {\"mimeType\": \"application/json\", \"text\": " + strconv.Quote(`{"event":"signed-up","email":"user`+strconv.Itoa(i)+`@example.com"}`) + "}},\n")
		b.WriteString("        \"response\": {\"status\": " + strconv.Itoa(status) + ", \"statusText\": \"\", \"httpVersion\": \"h2\", \"headers\": [{\"name\": \"content-type\", \"value\": \"application/json; charset=utf-8\"}, {\"name\": \"x-request-id\", \"value\": \"0b9f3c1e-2d4a-4b6c-8e0f-1a2b3c4d5e6f\"}], \"cookies\": [],\n")
		b.WriteString("          \"content\": {\"size\": " + strconv.Itoa(len(body)) + ", \"mimeType\": \"application/json\", \"text\": " + strconv.Quote(body) + "}, \"redirectURL\": \"\", \"headersSize\": -1, \"bodySize\": -1},\n")
		b.WriteString("        \"cache\": {}, \"timings\": {\"send\": 0.1, \"wait\": 110.2, \"receive\": 10.2}\n      }")
	}
	b.WriteString("\n    ]\n  }\n}\n")
	return b.String()
}
