package scaffold

import "strings"

// sample is the content tree for a new API without a spec, with "{{id}}", "{{name}}" and
// "{{schema}}" to fill in. Every key is commented, so the tree doubles as a tutorial.
var sample = map[string]string{
	"index.md": `---
{{modeline page}}
title: {{name}} errors
description: Every error the {{name}} API sends, what it means and how to fix it.
---

The error reference of the [{{name}} API](/{{id}}/). Paste a failed response into the
[playground](/playground/) to have it explained.
`,
	"{{id}}/index.md": `---
{{modeline api-index}}
# The API's index page: its machine facts live under "api:", its overview in the Markdown below.
title: {{name}} API
description: The errors of the {{name}} API.
api:
  # The API's name as people write it.
  name: {{name}}
  # Hostnames the API answers on; "*." matches any subdomain.
  hosts: [api.example.com]
  # The headers that matter in its answers.
  headers:
    request_id: X-Request-Id
    retry_after: Retry-After
  # The shapes of its JSON error bodies: where the code, message and field issues are, as dotted
  # paths. A body must have every path under "match", with the JSON type given.
  shapes:
    - name: {{id}}-error
      strength: high
      match: {error: object, error.code: string, error.message: string}
      code: error.code
      message: error.message
      request_id: error.request_id
      fields: error.errors
      field_path: field
      field_message: message
  # The retry policy by status ("429"), class ("5xx") or "default"; an error page may override it.
  retry:
    "429": {strategy: retry-after}
    "5xx": {strategy: backoff, base_seconds: 1, cap_seconds: 30, attempts: 5}
    default: {strategy: never}
---

The {{name}} API answers every error with a JSON body of one shape:

` + "```json" + `
{"error": {"code": "invalid_request", "message": "…", "request_id": "req_…"}}
` + "```" + `

Each code has a page under [errors](/{{id}}/errors/). Write one Markdown file per code in
` + "`{{id}}/errors/`" + `; ` + "`errdocs build`" + ` checks that every example decodes to its own page.
`,
	"{{id}}/errors/invalid-request.md": `---
{{modeline code-page}}
# The code exactly as the API spells it, and the status it comes with.
code: invalid_request
status: 400
title: Invalid request
# never: the same request fails again; retry-after, backoff or conditional otherwise.
retry:
  strategy: never
  detail: Fix the fields named in error.errors, then send the corrected request.
# Hints pick a cause from what the paste shows: here, a field issue's message.
hints:
  - field: "(?i)required"
    cause: A required field is missing from the body.
---

The request reached the API but its body does not pass validation.

## What it means
One or more fields of the body are missing or invalid. ` + "`error.errors`" + ` lists each one with
its ` + "`field`" + ` and a ` + "`message`" + `.

## Common causes
- A required field left out.
- A value of the wrong type, such as a number sent as a string.

## How to fix
1. Read each entry of ` + "`error.errors`" + `: it names the field and what is wrong with it.
2. Correct the body and send the request again.

## Examples
` + "```http response" + `
HTTP/1.1 400 Bad Request
Content-Type: application/json
X-Request-Id: req_7Hc2

{"error": {"code": "invalid_request", "message": "The body is invalid.", "request_id": "req_7Hc2",
  "errors": [{"field": "email", "message": "email is required"}]}}
` + "```" + `
`,
	"{{id}}/errors/rate-limited.md": `---
{{modeline code-page}}
code: rate_limited
status: 429
title: Too many requests
retry:
  strategy: retry-after
  detail: Wait for Retry-After, then send the same request again.
---

The API refused the request because the key sent too many requests in a short time.

## What it means
The key is over its rate limit. The request was not processed, so sending it again later is safe.

## Common causes
- A loop or a batch job that sends requests as fast as it can.
- Several processes sharing one key.

## How to fix
1. Wait for the number of seconds in ` + "`Retry-After`" + `, then send the same request again.
2. Spread the work out, or queue it, so that it stays under the limit.

## Examples
` + "```http response" + `
HTTP/1.1 429 Too Many Requests
Content-Type: application/json
Retry-After: 3

{"error": {"code": "rate_limited", "message": "Too many requests; retry in 3 seconds."}}
` + "```" + `
`,
	"{{id}}/errors/internal-error.md": `---
{{modeline code-page}}
code: internal_error
status: 500
title: Internal error
retry:
  strategy: backoff
  base_seconds: 1
  cap_seconds: 30
  attempts: 5
---

Something failed on the API's side.

## What it means
The API could not finish the request because of a fault of its own, not of the request.

## Common causes
- A fault or an outage in the API.

## How to fix
1. Send the request again after a pause, waiting longer each time.
2. If it keeps failing, report it with the ` + "`request_id`" + `.

## Examples
` + "```json response" + `
{"error": {"code": "internal_error", "message": "Something went wrong.", "request_id": "req_9Lm4"}}
` + "```" + `
`,
}

// fill replaces the sample's placeholders.
func fill(s string, o Options, name string) string {
	r := strings.NewReplacer("{{id}}", o.ID, "{{name}}", name,
		"{{modeline page}}", modeline(o, "page"),
		"{{modeline api-index}}", modeline(o, "api-index"),
		"{{modeline code-page}}", modeline(o, "code-page"))
	return r.Replace(s)
}
