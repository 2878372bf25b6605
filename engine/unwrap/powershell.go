package unwrap

import (
	"strings"
)

// PowerShell. Invoke-RestMethod and Invoke-WebRequest report an HTTP error as an error record.
// Windows PowerShell 5.1 prints it in its normal view:
//
//	Invoke-RestMethod : {"error":"invalid_api_key"}
//	At line:1 char:1
//	+ Invoke-RestMethod -Uri https://api.puck.security/v1/investigations ...
//	+ ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
//	    + CategoryInfo          : InvalidOperation: (System.Net.HttpWebRequest:HttpWebRequest) [Invoke-RestMethod], WebException
//	    + FullyQualifiedErrorId : WebCmdletWebResponseException,Microsoft.PowerShell.Commands.InvokeRestMethodCommand
//
// and PowerShell 7 in its concise view, "Invoke-RestMethod: <message>" at the prompt, or from a
// script with the message under the source line:
//
//	Invoke-RestMethod:
//	Line |
//	   3 |  Invoke-RestMethod -Uri $uri -Method Post -Headers $headers -Body $body
//	     |  ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
//	     | {"success":false,"error":{…}}
//
// The message is the response body when there is one, else "The remote server returned an
// error: (401) Unauthorized." (5.1) or "Response status code does not indicate success: 401
// (Unauthorized)." (7). A catch block prints parts of the record instead: the status
// ($_.Exception.Response.StatusCode, a number or a name such as UnprocessableEntity), the body
// ($_.ErrorDetails.Message), or the whole response object as a list of "Name : value" lines.

var cmdlets = [...]string{"Invoke-RestMethod", "Invoke-WebRequest", "irm", "iwr"}

// findPowerShellRecord reads an Invoke-RestMethod or Invoke-WebRequest error record.
func findPowerShellRecord(text string) *Exchange {
	if !strings.Contains(text, "Invoke-RestMethod") && !strings.Contains(text, "Invoke-WebRequest") {
		return nil
	}
	var x *Exchange
	msgOff := -1
	var msg []string
	state := 0 // 0: looking for the record; 1: reading its message; 2: PowerShell 7's "Line |" block
	eachLine(text, 0, func(l line) bool {
		t := l.text
		switch state {
		case 0:
			for _, c := range cmdlets {
				rest, ok := strings.CutPrefix(t, c)
				if !ok {
					continue
				}
				r := strings.TrimLeft(rest, " ")
				if !strings.HasPrefix(r, ":") || len(r) > 1 && r[1] != ' ' {
					continue
				}
				x = &Exchange{Tool: "PowerShell", StatusOff: -1, BodyOff: -1}
				if m := strings.TrimSpace(r[1:]); m != "" {
					msgOff = l.off + len(t) - len(strings.TrimLeft(r[1:], " "))
					msg = append(msg, m)
					state = 1
				} else {
					state = 2
				}
				return true
			}
		case 1:
			if strings.TrimSpace(t) == "Line |" {
				// PowerShell 7 from a script: the first line named the script, the message
				// comes under the source line.
				msg, msgOff, state = nil, -1, 2
				return true
			}
			if t == "" || strings.HasPrefix(t, "At ") || strings.HasPrefix(t, "+ ") || strings.HasPrefix(strings.TrimSpace(t), "+ ") || strings.HasPrefix(t, "Line |") {
				return false
			}
			msg = append(msg, t)
		case 2:
			// "Line |", "   3 |  source", "     |  ~~~~", then "     | message" lines.
			bar := strings.Index(t, "| ")
			if bar < 0 {
				if strings.TrimSpace(t) == "Line |" || strings.HasSuffix(strings.TrimSpace(t), "|") {
					return true
				}
				return len(msg) == 0 && t != ""
			}
			if strings.TrimSpace(t[:bar]) != "" {
				if u := firstURL(t[bar:]); u != "" && x.URL == "" {
					x.URL = u
				}
				return true // the source line, with its number
			}
			m := t[bar+2:]
			if strings.HasPrefix(strings.TrimSpace(m), "~") && len(msg) == 0 {
				return true
			}
			if msgOff < 0 {
				msgOff = l.off + bar + 2
			}
			msg = append(msg, m)
		}
		return true
	})
	if x == nil {
		return nil
	}
	if x.URL == "" {
		x.URL = firstURL(text)
	}
	if i := strings.Index(text, "(Method: "); i >= 0 {
		m, _, _ := strings.Cut(text[i+9:], ",")
		x.Method = m
	}
	message := strings.Join(msg, "\n")
	if t := strings.TrimSpace(message); t != "" && (t[0] == '{' || t[0] == '[') {
		// A wrapped line of JSON holds no line break of its own: join the pieces.
		if !validJSON(t) && validJSON(strings.Join(msg, "")) {
			message, x.Decoded = strings.Join(msg, ""), true
		} else if len(msg) > 1 && !validJSON(t) {
			x.Decoded = true
		}
		x.Body, x.BodyOff = message, msgOff
		if len(msg) > 1 && strings.Contains(message, "\n") && msgOff >= 0 && text[msgOff:msgOff+len(message)] != message {
			x.Decoded = true
		}
		return x
	}
	x.Status, x.Reason = statusInMessage(message)
	if x.Status != 0 {
		x.StatusOff = msgOff
	}
	// A catch block may print the body below the record.
	if at := jsonStart(text, 0, ""); at >= 0 {
		x.Body, x.BodyOff = text[at:], at
	}
	return x
}

// statusInMessage reads the status of "The remote server returned an error: (401)
// Unauthorized." and "Response status code does not indicate success: 401 (Unauthorized).".
func statusInMessage(m string) (int, string) {
	if i := strings.Index(m, "returned an error: ("); i >= 0 {
		rest := m[i+len("returned an error: ("):]
		if n, reason := leadingStatus(rest); n != 0 && strings.HasPrefix(reason, ")") {
			return n, strings.TrimRight(strings.TrimSpace(reason[1:]), ".")
		}
	}
	if i := strings.Index(m, "does not indicate success: "); i >= 0 {
		n, reason := leadingStatus(m[i+len("does not indicate success: "):])
		reason = strings.TrimSuffix(strings.TrimPrefix(strings.TrimRight(reason, "."), "("), ")")
		return n, reason
	}
	return 0, ""
}

// listKeys are the names of a response object's properties that a "Name : value" list shows:
// Invoke-WebRequest's result, 5.1's HttpWebResponse, 7's HttpResponseMessage, and what catch
// blocks print with Write-Host.
var listKeys = [...]string{"StatusCode", "StatusDescription", "ReasonPhrase", "Content", "RawContent", "ResponseUri", "Method", "RequestMessage", "Headers", "ContentType"}

// findPowerShellList reads PowerShell's "Name : value" list of a response (Format-List), or
// the lines a catch block printed, and a headers table ("Key   Value" over "---   -----").
func findPowerShellList(text string) *Exchange {
	if !strings.Contains(text, "StatusCode") {
		return nil
	}
	x := &Exchange{Tool: "PowerShell", StatusOff: -1, BodyOff: -1}
	powershell := strings.Contains(text, "StatusDescription") || strings.Contains(text, "ReasonPhrase") ||
		strings.Contains(text, "RawContent") || strings.Contains(text, "value__") || strings.Contains(text, "PS ") ||
		strings.Contains(text, "$_.")
	var cur string // the property a continuation line belongs to
	col := 0
	var raw []line
	table := 0 // 1 after a "Key Value" heading, 2 after its dashes
	eachLine(text, 0, func(l line) bool {
		t := l.text
		if table == 1 {
			if strings.HasPrefix(strings.TrimSpace(t), "---") {
				table = 2
				return true
			}
			table = 0
		}
		if table == 2 {
			f := strings.Fields(t)
			if len(f) == 0 {
				table = 0
				return true
			}
			v := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(t), f[0]))
			v = strings.TrimSuffix(strings.TrimPrefix(v, "{"), "}")
			x.Headers = append(x.Headers, Header{Name: f[0], Value: v, Off: l.off})
			return true
		}
		if f := strings.Fields(t); len(f) == 2 && (f[0] == "Key" || f[0] == "Name") && f[1] == "Value" {
			table = 1
			return true
		}
		if cur != "" && col > 0 && len(t) > col && strings.TrimSpace(t[:col]) == "" {
			if cur == "RawContent" {
				raw = append(raw, line{l.off + col, t[col:]})
			} else if cur == "Content" && x.Body != "" {
				x.Body += t[col:]
				x.Decoded = true
			}
			return true
		}
		cur = ""
		name, value, ok := strings.Cut(t, ":")
		name = strings.TrimSpace(name)
		for _, k := range listKeys {
			if !ok || name != k {
				continue
			}
			cur = k
			vOff := len(t) - len(strings.TrimLeft(value, " "))
			col = vOff
			v := strings.TrimSpace(value)
			switch k {
			case "StatusCode":
				if x.Status == 0 {
					x.Status, x.StatusOff = statusNumber(v), l.off
				}
			case "StatusDescription", "ReasonPhrase":
				x.Reason = v
			case "Content":
				if v != "" && (v[0] == '{' || v[0] == '[' || v[0] == '<') {
					x.Body, x.BodyOff = v, l.off+vOff
				}
			case "RawContent":
				raw = append(raw, line{l.off + vOff, v})
			case "ResponseUri":
				x.URL = v
			case "Method":
				x.Method = v
			case "RequestMessage":
				if m, rest, ok := strings.Cut(strings.TrimPrefix(v, "Method: "), ","); ok {
					x.Method = m
					x.URL = firstURL(rest)
				}
			}
		}
		return true
	})
	if x.Status == 0 || !powershell {
		return nil
	}
	// RawContent holds the response as it came: status line, headers, a blank line, the body.
	inBody := false
	var body []string
	bodyOff := -1
	for i, r := range raw {
		switch {
		case i == 0:
		case inBody:
			body = append(body, r.text)
		case strings.TrimSpace(r.text) == "":
			inBody = true
		default:
			if n, v, ok := headerLine(r.text); ok {
				x.Headers = append(x.Headers, Header{Name: n, Value: v, Off: r.off})
			}
		}
		if inBody && bodyOff < 0 && strings.TrimSpace(r.text) != "" {
			bodyOff = r.off
			body = []string{r.text}
		}
	}
	if x.Body == "" && bodyOff >= 0 {
		x.Body, x.BodyOff, x.Decoded = strings.Join(body, "\n"), bodyOff, len(body) > 1
	}
	if x.Body == "" {
		if at := jsonStart(text, 0, ""); at >= 0 {
			x.Body, x.BodyOff = text[at:], at
		}
	}
	return x
}
