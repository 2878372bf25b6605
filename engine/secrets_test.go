package engine

import (
	"encoding/base64"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/errdocs/errdocs/internal/lazyre"
	"github.com/errdocs/errdocs/internal/printf"
)

// secretKinds is the table of secret kinds: one secret of each kind, as it is written. Every
// output path is run over each of them, in each placement (secretPlacements), and the
// placements of their own (secretCases). The values are made up.
var secretKinds = []struct{ name, secret string }{
	{"stripe live secret key", "sk_live_51HxQz2Kx9yVbN3mP0qRsTuVwXyZa"},
	{"stripe restricted key", "rk_live_51HxQz2Kx9yVbN3mP0qRsTuVwXyZb"},
	{"stripe test key", "sk_test_4eC39HqLyjWDarjtT1zdp7dc"},
	{"stripe webhook secret", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLGpB"},
	{"github classic token", "ghp_R2d4T8x9Yq7LmN3pK5sV1wZ0aB6cD8eF2gH4"},
	{"github oauth token", "gho_16C7e42F292c6912E7710c838347Ae178B4a"},
	{"github app token", "ghs_Kq9LmN3pK5sV1wZ0aB6cD8eF2gH4iJ6kL8mN"},
	{"github fine-grained token", "github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMN012345"},
	{"gitlab token", "glpat-x7Kq9LmN3pK5sV1wZ0aB"},
	{"slack bot token", "xoxb-2384716250-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx"},
	{"slack webhook", "https://hooks.slack.com/services/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"},
	{"aws access key id", "AKIAQ3EGUHYUJ7FZ2N5R"},
	{"google api key", "AIzaSyD3x7Kq9LmN3pK5sV1wZ0aB6cD8eF2gH4i"},
	{"google oauth token", "ya29.a0AfH6SMBx7Kq9LmN3pK5sV1wZ0aB6cD8eF2gH4iJ6"},
	{"sendgrid key", "SG.x7Kq9LmN3pK5sV1wZ0aB6c.D8eF2gH4iJ6kL8mN0oP2qR4sT6uV8wX0yZ2aB4cD6e"},
	{"twilio api key", "SK0123456789abcdef0123456789abcdef"},
	{"npm token", "npm_x7Kq9LmN3pK5sV1wZ0aB6cD8eF2gH4iJ6kL8"},
	{"openai key", "sk-proj-x7Kq9LmN3pK5sV1wZ0aB6cD8eF2gH4iJ6kL8mN0oP2qR4sT6"},
	{"openai legacy key", "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"},
	{"anthropic key", "sk-ant-api03-x7Kq9LmN3pK5sV1wZ0aB6cD8eF2gH4iJ6kL8mN0oP2qR4sT6uV8w-AbCdEfAA"},
	{"hugging face token", "hf_x7Kq9LmN3pK5sV1wZ0aB6cD8eF2gH4iJ6k"},
	{"shopify token", "shpat_0123456789abcdef0123456789abcdef"},
	{"mailgun key", "key-0123456789abcdef0123456789abcdef"},
	{"square token", "sq0atp-x7Kq9LmN3pK5sV1wZ0aB6cD8"},
	{"digitalocean token", "dop_v1_0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"},
	{"databricks token", "dapi0123456789abcdef0123456789abcdef"},
	{"linear key", "lin_api_x7Kq9LmN3pK5sV1wZ0aB6cD8eF2gH4iJ6kL8mN0o"},
	{"pypi token", "pypi-AgEIcHlwaS5vcmcCJGE0ZTEyMzQ1LTY3ODktNDBhYi1iY2RlLWYwMTIzNDU2Nzg5MAACKlszLCJh"},
	{"plunk secret key", "sk_0f3c9a7e2b6d4e18a5c47d9e1b2f6a30"},
	{"puck live key", "pck_live_8f2a7e22562b45d49bc9428f77ddc450"},
	{"jwt", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"},
	{"short jwt", "eyJhbGciOiJub25lIn0.e30."},
	{"long jwt", "eyJhbGciOiJSUzI1NiJ9.eyJ" + strings.Repeat("dGhpcyBpcyBhIGxvbmcgcGF5bG9hZA", 200) + ".c2lnbmF0dXJl"},
}

// secretPlacements are where a self-identifying secret is put: %s is the secret.
var secretPlacements = []struct{ name, paste string }{
	{"bearer header, echoed", "curl -i https://api.puck.security/v1/investigations -H 'Authorization: Bearer %[1]s'\n\nHTTP/1.1 401 Unauthorized\nContent-Type: application/json\n\n{\"error\":\"invalid_api_key\",\"message\":\"Key %[1]s is not valid\"}\n"},
	{"json field of a request", "curl https://next-api.useplunk.com/v1/track -H 'Authorization: Bearer sk_0f3c9a7e2b6d4e18a5c47d9e1b2f6a30' -H 'Content-Type: application/json' -d '{\"event\":\"signup\",\"data\":{\"note\":\"%[1]s\"}}'\n"},
	{"json key of a request", "curl https://next-api.useplunk.com/v1/track -H 'Authorization: Bearer sk_0f3c9a7e2b6d4e18a5c47d9e1b2f6a30' -H 'Content-Type: application/json' -d '{\"%[1]s\": true}'\n"},
	{"log line", "2026-01-02T03:04:05Z ERROR request failed key=%[1]s status=401 body={\"error\":\"invalid_api_key\"}\n"},
	{"glued to text", "token:%[1]s\n"},
	{"after a long array", "{\"items\":[" + strings.Repeat("1,", 20000) + "1],\"debug\":\"%[1]s\"}"},
}

// secretCases are secrets known by their placement, with the values that must not survive.
var secretCases = []struct {
	name, paste string
	secrets     []string
}{
	{"authorization basic", "GET /v1/x HTTP/1.1\nHost: api.puck.security\nAuthorization: Basic dXNlcjpodW50ZXIyaHVudGVyMg==\n", []string{"dXNlcjpodW50ZXIyaHVudGVyMg=="}},
	{"authorization custom scheme", "curl https://api.puck.security/v1/x -H 'Authorization: ApiKey q7Z2mXv9Lp3Rt8Ws'", []string{"q7Z2mXv9Lp3Rt8Ws"}},
	{"authorization no scheme", "Authorization: q7Z2mXv9Lp3Rt8Ws\n", []string{"q7Z2mXv9Lp3Rt8Ws"}},
	{"authorization in a headers object", "fetch('https://api.puck.security/v1/x', {headers: {'Authorization': 'Token q7Z2mXv9Lp3Rt8Ws'}})", []string{"q7Z2mXv9Lp3Rt8Ws"}},
	{"authorization python dict", "{'Authorization': 'Bearer q7Z2mXv9Lp3Rt8Ws', 'Accept': 'application/json'}", []string{"q7Z2mXv9Lp3Rt8Ws"}},
	{"aws sigv4", "Authorization: AWS4-HMAC-SHA256 Credential=AKIAQ3EGUHYUJ7FZ2N5R/20260101/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-date, Signature=fe5f80f77d5fa3beca038a248ff027d0445342fe2855ddc963176630326f1024\n", []string{"AKIAQ3EGUHYUJ7FZ2N5R", "fe5f80f77d5fa3beca038a248ff027d0445342fe2855ddc963176630326f1024"}},
	{"x-api-key header", "> GET /v1/x HTTP/2\n> X-Api-Key: 9b1c2d3e4f5a6b7c8d9e\n< HTTP/2 401\n", []string{"9b1c2d3e4f5a6b7c8d9e"}},
	{"quoted api key header", "curl https://api.example.com -H \"X-Auth-Token: tok-9b1c2d3e4f5a6b7c\"", []string{"tok-9b1c2d3e4f5a6b7c"}},
	{"signature header", "Stripe-Signature: t=1492774577,v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd\n", []string{"5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd"}},
	{"github webhook signature", "X-Hub-Signature-256: sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17\n", []string{"757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"}},
	{"session header", "X-Session-Token: 4a8b2c9d0e1f3a5b7c9d\n", []string{"4a8b2c9d0e1f3a5b7c9d"}},
	{"cookie header", "Cookie: _ga=GA1.2.3; sessionid=8f2k3j4h5g6f7d8s9a0q; csrftoken=Qw3rTy7UiOp9AsDf\n", []string{"8f2k3j4h5g6f7d8s9a0q", "Qw3rTy7UiOp9AsDf"}},
	{"curl -b", "curl https://next-api.useplunk.com/contacts -b 'next_token=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c3JfMSJ9.c2lnbmF0dXJlMTIzNDU2' -H 'X-Project-Id: 7c1e'", []string{"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c3JfMSJ9.c2lnbmF0dXJlMTIzNDU2"}},
	{"curl --cookie two cookies", "curl --cookie \"theme=dark; sessionid=8f2k3j4h5g6f7d8s9a0q\" https://api.example.com/v1/x", []string{"8f2k3j4h5g6f7d8s9a0q"}},
	{"curl -b attached", "curl -bsessionid=8f2k3j4h5g6f7d8s9a0q https://api.example.com/v1/x", []string{"8f2k3j4h5g6f7d8s9a0q"}},
	{"cmd curl -b", "curl ^\"https://api.example.com/v1/x^\" ^\n  -b ^\"sessionid=8f2k3j4h5g6f7d8s9a0q^\"", []string{"8f2k3j4h5g6f7d8s9a0q"}},
	{"powershell cookie from a variable", "$env:SID = \"8f2k3j4h5g6f7d8s9a0q\"\ncurl.exe https://api.example.com/v1/x -b \"sessionid=$env:SID\"", []string{"8f2k3j4h5g6f7d8s9a0q"}},
	{"cmd cookie from a set line", "set SID=8f2k3j4h5g6f7d8s9a0q\ncurl https://api.example.com/v1/x -H \"Cookie: sessionid=%SID%\"", []string{"8f2k3j4h5g6f7d8s9a0q"}},
	{"httpie cookie item", "http https://api.example.com/v1/x Cookie:'sessionid=8f2k3j4h5g6f7d8s9a0q; theme=dark'", []string{"8f2k3j4h5g6f7d8s9a0q"}},
	{"fetch cookie header", "fetch('https://api.example.com/v1/x', {headers: {'Cookie': 'sessionid=8f2k3j4h5g6f7d8s9a0q'}})", []string{"8f2k3j4h5g6f7d8s9a0q"}},
	{"raw http cookie", "GET /contacts HTTP/1.1\nHost: next-api.useplunk.com\nCookie: next_token=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c3JfMSJ9.c2lnbmF0dXJlMTIzNDU2\nX-Project-Id: 7c1e\n", []string{"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c3JfMSJ9.c2lnbmF0dXJlMTIzNDU2"}},
	{"set-cookie rails", "Set-Cookie: _myapp_session=bXlzZXNzaW9uZGF0YQ%3D%3D--a1b2c3d4e5f6; path=/; HttpOnly\n", []string{"bXlzZXNzaW9uZGF0YQ%3D%3D--a1b2c3d4e5f6"}},
	{"set-cookie php", "< Set-Cookie: PHPSESSID=k8s9d7f6g5h4j3k2l1; path=/\n", []string{"k8s9d7f6g5h4j3k2l1"}},
	{"set-cookie express", "Set-Cookie: connect.sid=s%3Aabc123def456.ghi789; Path=/; HttpOnly\n", []string{"s%3Aabc123def456.ghi789"}},
	{"set-cookie next-auth", "set-cookie: __Secure-next-auth.session-token=eyJhbGciOiJkaXIifQ..abc.def.ghi; Path=/; Secure\n", []string{"eyJhbGciOiJkaXIifQ..abc.def.ghi"}},
	{"query token", "GET https://api.example.com/v1/x?token=a9f8e7d6c5b4a3921&limit=10", []string{"a9f8e7d6c5b4a3921"}},
	{"query access_token", "curl 'https://api.example.com/me?access_token=EAAGm0PX4ZCpsBAKq9Lm'", []string{"EAAGm0PX4ZCpsBAKq9Lm"}},
	{"query refresh_token", "POST /oauth/token?grant_type=refresh_token&refresh_token=rt.9a8b7c6d5e4f&client_id=abc", []string{"rt.9a8b7c6d5e4f"}},
	{"query client_secret", "https://auth.example.com/token?client_id=app&client_secret=cs_9a8b7c6d5e4f3a2b", []string{"cs_9a8b7c6d5e4f3a2b"}},
	{"presigned s3 url", "https://bucket.s3.amazonaws.com/f.pdf?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAQ3EGUHYUJ7FZ2N5R%2F20260101%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Security-Token=IQoJb3JpZ2luX2VjEJr&X-Amz-Signature=fe5f80f77d5fa3beca038a248ff027d0", []string{"AKIAQ3EGUHYUJ7FZ2N5R", "IQoJb3JpZ2luX2VjEJr", "fe5f80f77d5fa3beca038a248ff027d0"}},
	{"azure sas", "https://acct.blob.core.windows.net/c/b?sv=2022-11-02&sig=Zm9vYmFyYmF6cXV4MTIzNDU2%3D&se=2026", []string{"Zm9vYmFyYmF6cXV4MTIzNDU2%3D"}},
	{"json password", "{\"user\":\"ann\",\"password\":\"correct horse battery\"}", []string{"correct horse battery"}},
	{"json secret", "{\"name\":\"hook\",\"secret\":\"s3cr3t-v4lu3-here\"}", []string{"s3cr3t-v4lu3-here"}},
	{"json token", "{\"token\":\"t0k3n-abcdef123456\",\"token_type\":\"Bearer\"}", []string{"t0k3n-abcdef123456"}},
	{"json api_key", "{\"api_key\": \"ak-55ab77cd99ef\"}", []string{"ak-55ab77cd99ef"}},
	{"json client_secret", "{\"client_id\":\"abc\",\"client_secret\":\"cs-9a8b7c6d5e4f\"}", []string{"cs-9a8b7c6d5e4f"}},
	{"json refresh_token", "{\"access_token\":\"at-1a2b3c4d5e6f\",\"refresh_token\":\"rt-6f5e4d3c2b1a\",\"expires_in\":3600}", []string{"at-1a2b3c4d5e6f", "rt-6f5e4d3c2b1a"}},
	{"json private_key", "{\"type\":\"service_account\",\"private_key\":\"-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\\nBKcwggSjAgEAAoIBAQC7\\n-----END PRIVATE KEY-----\\n\"}", []string{"MIIEvQIBADANBgkqhkiG9w0BAQEFAASC", "BKcwggSjAgEAAoIBAQC7"}},
	{"pem private key", "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA0Z3VS5JJcds3xfn\n/ygWyF8PbnGy0AHB7MkQ9Ro3d+\n-----END RSA PRIVATE KEY-----\n", []string{"MIIEowIBAAKCAQEA0Z3VS5JJcds3xfn", "/ygWyF8PbnGy0AHB7MkQ9Ro3d+"}},
	{"encrypted pem", "-----BEGIN ENCRYPTED PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,3F17F5316E2BAC89\nMIIFHDBOBgkqhkiG9w0BBQ0wQTApBgkq\n-----END ENCRYPTED PRIVATE KEY-----", []string{"MIIFHDBOBgkqhkiG9w0BBQ0wQTApBgkq", "3F17F5316E2BAC89"}},
	{"truncated pem", "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUA\nAAAEbm9uZQAAAAAAAAAB", []string{"b3BlbnNzaC1rZXktdjEAAAAABG5vbmUA", "AAAEbm9uZQAAAAAAAAAB"}},
	{"form body", "curl https://api.example.com/login -d 'username=ann&password=hunter2hunter2&remember=1'", []string{"hunter2hunter2"}},
	{"env dump", "HOME=/root\nAWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYzzKEY12345\nDATABASE_PASSWORD=p4ssw0rd!x\nexport GITHUB_TOKEN=abc123def456ghi789\nTWILIO_AUTH_TOKEN=0123456789abcdef0123456789abcdef\n", []string{"wJalrXUtnFEMI/K7MDENG/bPxRfiCYzzKEY12345", "p4ssw0rd!x", "abc123def456ghi789", "0123456789abcdef0123456789abcdef"}},
	{"aws credentials file", "[default]\naws_access_key_id = AKIAQ3EGUHYUJ7FZ2N5R\naws_secret_access_key = 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\n", []string{"AKIAQ3EGUHYUJ7FZ2N5R", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzzKEY12345"}},
	{"yaml password", "database:\n  user: app\n  password: Tr0ub4dor&3\n", []string{"Tr0ub4dor&3"}},
	{"url userinfo", "Error: connect ECONNREFUSED postgres://app:hunter2hunter2@db.internal:5432/app", []string{"hunter2hunter2"}},
	{"url userinfo https", "git clone https://oauth2:glpat-x7Kq9LmN3pK5sV1wZ0aB@gitlab.com/g/p.git", []string{"glpat-x7Kq9LmN3pK5sV1wZ0aB"}},
	{"curl -u", "curl -u ann:hunter2hunter2 https://api.example.com/v1/x", []string{"hunter2hunter2"}},
	{"connection string", "Server=tcp:x.database.windows.net;Database=db;User ID=app;Password=Pa55w0rd!2026;", []string{"Pa55w0rd!2026"}},
	{"azure storage key", "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MA==;EndpointSuffix=core.windows.net", []string{"Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MA=="}},
	{"bearer in a log", "level=error msg=\"upstream said 401\" header=\"Bearer 9f8e7d6c5b4a39281706\"", []string{"9f8e7d6c5b4a39281706"}},
	{"powershell hashtable", "PS> $headers\n\nName                           Value\n----                           -----\nAuthorization                  Bearer q7Z2mXv9Lp3Rt8Ws\nContent-Type                   application/json\n", []string{"q7Z2mXv9Lp3Rt8Ws"}},
	{"powershell hashtable literal", "$h = @{ Authorization = \"Bearer q7Z2mXv9Lp3Rt8Ws\"; 'X-Api-Key' = 'ak9b1c2d3e4f5a6b' }", []string{"q7Z2mXv9Lp3Rt8Ws", "ak9b1c2d3e4f5a6b"}},
	{"powershell headers table", "Key            Value\n---            -----\nAuthorization  {Bearer q7Z2mXv9Lp3Rt8Ws}\nX-Request-ID   {0b9f3c1e}\n", []string{"q7Z2mXv9Lp3Rt8Ws"}},
	{"powershell request message", "RequestMessage      : Method: POST, RequestUri: 'https://api.puck.security/v1/x', Version: 1.1, Content: System.Net.Http.StringContent, Headers:\n                      {\n                        Authorization: Bearer q7Z2mXv9Lp3Rt8Ws\n                      }\n", []string{"q7Z2mXv9Lp3Rt8Ws"}},
	{"python headers repr", "{'User-Agent': 'python-requests/2.32.3', 'Authorization': 'Token q7Z2mXv9Lp3Rt8Ws', 'X-Api-Key': 'ak9b1c2d3e4f5a6b'}", []string{"q7Z2mXv9Lp3Rt8Ws", "ak9b1c2d3e4f5a6b"}},
	{"node inspect headers", "headers: Object [AxiosHeaders] {\n  Authorization: 'Bearer q7Z2mXv9Lp3Rt8Ws',\n  'x-api-key': 'ak9b1c2d3e4f5a6b'\n}", []string{"q7Z2mXv9Lp3Rt8Ws", "ak9b1c2d3e4f5a6b"}},
	{"ruby hash rockets", "{\"Authorization\"=>\"Bearer q7Z2mXv9Lp3Rt8Ws\", :api_key=>\"ak9b1c2d3e4f5a6b\"}", []string{"q7Z2mXv9Lp3Rt8Ws", "ak9b1c2d3e4f5a6b"}},
	{"go header map", "Header:map[Authorization:[Bearer q7Z2mXv9Lp3Rt8Ws] Content-Type:[application/json]]", []string{"q7Z2mXv9Lp3Rt8Ws"}},
	{"logfmt authorization", "time=2025-11-30T10:30:00Z level=ERROR msg=\"call failed\" status=401 authorization=\"Bearer q7Z2mXv9Lp3Rt8Ws\"", []string{"q7Z2mXv9Lp3Rt8Ws"}},
	{"logfmt unquoted authorization", "level=error status=401 authorization=q7Z2mXv9Lp3Rt8Ws path=/v1/x", []string{"q7Z2mXv9Lp3Rt8Ws"}},
	{"json log escaped body", "{\"level\":\"error\",\"status\":401,\"body\":\"{\\\"token\\\":\\\"t0k3n-abcdef123456\\\"}\"}", []string{"t0k3n-abcdef123456"}},
	{"okhttp logcat", "11-30 10:30:00.101  4321  4398 I okhttp.OkHttpClient: --> POST https://api.puck.security/v1/x\n11-30 10:30:00.101  4321  4398 I okhttp.OkHttpClient: Authorization: Bearer q7Z2mXv9Lp3Rt8Ws\n", []string{"q7Z2mXv9Lp3Rt8Ws"}},
	{"jwt of 6 KB", "Authorization: Bearer eyJhbGciOiJSUzI1NiJ9.eyJ" + strings.Repeat("QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo", 180) + ".c2ln\n", []string{"QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo"}},
	{"1001st occurrence", strings.Repeat("token ", 1000) + "\nAuthorization: Bearer q7Z2mXv9Lp3Rt8Ws1001\n", []string{"q7Z2mXv9Lp3Rt8Ws1001"}},
	{"secret echoed without its context", "curl https://api.example.com -H 'X-Api-Key: 9b1c2d3e4f5a6b7c8d9e'\n\nHTTP/1.1 403 Forbidden\n\n{\"message\":\"key 9b1c2d3e4f5a6b7c8d9e has no access\"}", []string{"9b1c2d3e4f5a6b7c8d9e"}},
	{"many secrets", strings.Repeat("X-Api-Key: 9b1c2d3e4f5a6b7c8d9e\n", 1500) + "password=last0ne!!", []string{"9b1c2d3e4f5a6b7c8d9e", "last0ne!!"}},
}

// allSecretCases expands the table: each kind in each placement, and each case.
func allSecretCases() []struct {
	name, paste string
	secrets     []string
} {
	out := append([]struct {
		name, paste string
		secrets     []string
	}{}, secretCases...)
	for _, k := range secretKinds {
		for _, p := range secretPlacements {
			out = append(out, struct {
				name, paste string
				secrets     []string
			}{k.name + " in " + p.name, strings.ReplaceAll(p.paste, "%[1]s", k.secret), []string{k.secret}})
		}
	}
	return out
}

// leaked returns the secrets that out still holds, as written or JSON-escaped. A secret of a
// kind that shows its prefix and last four is checked by its middle.
func leaked(out string, secrets []string) []string {
	var bad []string
	for _, s := range secrets {
		q, _ := json.Marshal(s)
		esc := strings.Trim(string(q), `"`)
		if strings.Contains(out, s) || strings.Contains(out, esc) {
			bad = append(bad, s)
		}
	}
	return bad
}

func TestSecretsTable(t *testing.T) {
	cat := shippedCatalog(t)
	if n := len(secretKinds) + len(secretCases); n < 40 {
		t.Fatalf("the table has %d kinds and placements; want at least 40", n)
	}
	for _, tc := range allSecretCases() {
		t.Run(tc.name, func(t *testing.T) {
			v, m := ExplainMasked(cat, tc.paste, testOpts)
			js, err := json.Marshal(v)
			if err != nil {
				t.Fatal(err)
			}
			if bad := leaked(string(js), tc.secrets); len(bad) > 0 {
				t.Errorf("the verdict holds %q:\n%s", bad, printf.Clip(string(js), 3000))
			}
			if bad := leaked(m.Text, tc.secrets); len(bad) > 0 {
				t.Errorf("the masked paste holds %q:\n%s", bad, printf.Clip(m.Text, 2000))
			}
			if len(m.Found) == 0 {
				t.Errorf("nothing was reported masked")
			}
			red, _ := Redact(cat, tc.paste)
			if red != m.Text {
				t.Errorf("Redact and ExplainMasked disagree")
			}
			if again, found := Redact(cat, red); again != red || len(found) > 0 {
				t.Errorf("masking is not idempotent: %q masked again gives %q (%q)", printf.Clip(red, 300), printf.Clip(again, 300), found)
			}
			for mode, link := range shareLinks(t, cat, tc.paste) {
				if bad := leaked(link, tc.secrets); len(bad) > 0 {
					t.Errorf("the %s share link holds %q", mode, bad)
				}
			}
		})
	}
}

// TestSecretsTableParts runs every case through RedactParts, as engine/triage does over a paste
// of many exchanges: an exchange's verdict that echoes a secret found in another part of the
// paste must be masked in the group, its times and its nested verdict.
func TestSecretsTableParts(t *testing.T) {
	cat := shippedCatalog(t)
	for _, tc := range allSecretCases() {
		t.Run(tc.name, func(t *testing.T) {
			// The other exchange copies the secret as the paste holds it (a secret known by its
			// place, such as a cookie's value, is masked as the whole value found there); a
			// self-identifying one (each kind's placements) is echoed bare too.
			echo := tc.paste
			if strings.Contains(tc.name, " in ") {
				echo += " " + strings.Join(tc.secrets, " ")
			}
			nested := Explain(cat, "HTTP/1.1 500 Internal Server Error\n\n{}", testOpts)
			nested.Message, nested.Cause, nested.Fix = "echo "+echo, echo, []string{echo}
			v := Explain(cat, tc.paste, testOpts)
			v.Exchanges = &Exchanges{Total: 2, Failed: 1,
				Groups:   []Group{{Code: echo, Operation: echo, First: echo, Lines: []int{1}, Count: 1, Verdict: nested}},
				Timeline: []Point{{Line: 1, At: echo}, {Line: 2}}}
			RedactParts(cat, tc.paste, nil, v)
			js, _ := json.Marshal(v)
			if bad := leaked(string(js), tc.secrets); len(bad) > 0 {
				t.Errorf("the triage verdict holds %q:\n%s", bad, printf.Clip(string(js), 3000))
			}
			if len(v.Redacted) == 0 {
				t.Error("nothing was reported masked")
			}
		})
	}
}

// TestRedactCoversVerdict puts a secret in every string of a verdict, through reflection, and
// checks that redaction leaves none: a string field that Verdict.strings does not list fails.
func TestRedactCoversVerdict(t *testing.T) {
	cat := shippedCatalog(t)
	const key = "sk_live_51HxQz2Kx9yVbN3mP0qRsTuVwXyZa"
	nested := func() *Verdict {
		return &Verdict{Fix: []string{""}, Fields: []Field{{}}, Problems: []Problem{{}}, Redacted: []string{""}, Predicted: &Predicted{
			Body: map[string]any{key: []any{key, map[string]any{"k": key}}}}}
	}
	v := nested()
	// A triage verdict: every group, line and nested verdict is covered too.
	v.Exchanges = &Exchanges{Groups: []Group{{Lines: []int{1}, Verdict: nested()}}, Timeline: []Point{{}}}
	n := 0
	var fill func(x reflect.Value)
	fill = func(x reflect.Value) {
		switch x.Kind() {
		case reflect.String:
			x.SetString("x " + key + " y")
			n++
		case reflect.Pointer:
			if !x.IsNil() {
				fill(x.Elem())
			}
		case reflect.Struct:
			for i := 0; i < x.NumField(); i++ {
				fill(x.Field(i))
			}
		case reflect.Slice:
			for i := 0; i < x.Len(); i++ {
				fill(x.Index(i))
			}
		}
	}
	fill(reflect.ValueOf(v).Elem())
	v.Redacted = nil
	redactVerdict(cat, "Authorization: Bearer "+key, v)
	js, _ := json.Marshal(v)
	if strings.Contains(string(js), key) {
		t.Errorf("a string of the verdict kept the secret (%d strings filled):\n%s", n, js)
	}
}

// FuzzRedactIdempotent checks that masking a masked paste changes nothing and finds nothing.
func FuzzRedactIdempotent(f *testing.F) {
	for _, tc := range allSecretCases() {
		if len(tc.paste) < 4096 {
			f.Add(tc.paste)
		}
	}
	cat := shippedCatalog(f)
	f.Fuzz(func(t *testing.T, paste string) {
		once, _ := Redact(cat, paste)
		twice, found := Redact(cat, once)
		if twice != once || len(found) > 0 {
			t.Fatalf("masking %q again gives %q (found %q)", once, twice, found)
		}
	})
}

// FuzzNoSecretSurvives puts a secret of each self-identifying kind, and each placement case,
// between arbitrary text, and checks that no output holds it: the verdict, the masked paste,
// and both share links.
func FuzzNoSecretSurvives(f *testing.F) {
	f.Add(uint8(0), "", "")
	f.Add(uint8(7), "HTTP/1.1 401 Unauthorized\n\n{\"message\":\"", "\"}")
	f.Add(uint8(40), "curl https://api.puck.security/v1/x \\\n", "\nHTTP/1.1 403 Forbidden\n")
	cat := shippedCatalog(f)
	f.Fuzz(func(t *testing.T, which uint8, before, after string) {
		var paste string
		var secrets []string
		if n := int(which) % (len(secretKinds) + len(secretCases)); n < len(secretKinds) {
			paste, secrets = before+" "+secretKinds[n].secret+" "+after, []string{secretKinds[n].secret}
		} else {
			c := secretCases[n-len(secretKinds)]
			paste, secrets = before+"\n"+c.paste+"\n"+after, c.secrets
		}
		if len(paste) > 8192 {
			// The table's long cases (a 6 KB JWT, 1,500 secrets) run in TestSecretsTable; here
			// they would make each run, and the minimising of each new input, slow.
			return
		}
		v, m := ExplainMasked(cat, paste, testOpts)
		js, _ := json.Marshal(v)
		if bad := leaked(string(js), secrets); len(bad) > 0 {
			t.Fatalf("the verdict of %q holds %q", paste, bad)
		}
		if bad := leaked(m.Text, secrets); len(bad) > 0 {
			t.Fatalf("the masked paste of %q holds %q", paste, bad)
		}
		for mode, link := range shareLinks(t, cat, paste) {
			if bad := leaked(link, secrets); len(bad) > 0 {
				t.Fatalf("the %s share link of %q holds %q", mode, paste, bad)
			}
		}
	})
}

// TestRedactAlso checks that a secret found only in the other text (a header's value written
// out as HTTP) is masked in the text, and described, and that masking stays idempotent.
func TestRedactAlso(t *testing.T) {
	cat := shippedCatalog(t)
	const key = "9b1c2d3e4f5a6b7c8d9e"
	har := `{"headers": [{"name": "X-Api-Key", "value": "` + key + `"}]}`
	if plain, _ := Redact(cat, har); !strings.Contains(plain, key) {
		t.Skip("Redact masks the HAR's header on its own now; RedactAlso has nothing to add here")
	}
	masked, found := RedactAlso(cat, har, "GET / HTTP/1.1\nX-Api-Key: "+key+"\n")
	if strings.Contains(masked, key) || len(found) != 1 || !strings.Contains(found[0], "(line 1)") {
		t.Errorf("masked %q, found %q", masked, found)
	}
	if again, more := Redact(cat, masked); again != masked || len(more) > 0 {
		t.Errorf("masking again gives %q (%q)", again, more)
	}
}

// TestPatternsCompile compiles every pattern the engine compiles on first use (lazyre), so one
// that does not compile fails here rather than in a paste.
func TestPatternsCompile(t *testing.T) {
	if err := lazyre.Compile(); err != nil {
		t.Fatal(err)
	}
}

// TestBasicCredentialsInProse: "Basic" before a plain word is prose, not credentials, unless the
// word decodes to a user:password pair.
func TestBasicCredentialsInProse(t *testing.T) {
	cat := shippedCatalog(t)
	for _, prose := range []string{"Puck takes HTTP Basic credentials.", "use basic authentication instead"} {
		if masked, found := Redact(cat, prose); masked != prose || len(found) > 0 {
			t.Errorf("%q: masked as %q (%q)", prose, masked, found)
		}
	}
	for _, user := range []string{"ada:hunter22", "abcd:efgh"} { // the second encodes to letters only
		cred := base64.RawStdEncoding.EncodeToString([]byte(user))
		line := "retrying with basic " + cred + " now"
		if masked, _ := Redact(cat, line); strings.Contains(masked, cred) {
			t.Errorf("%q (%s): not masked: %q", cred, user, masked)
		}
	}
}
