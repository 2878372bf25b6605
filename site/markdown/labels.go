package markdown

import "strings"

// langNames are the names code block heads show for the languages a fence's info string names.
var langNames = map[string]string{
	"json": "JSON", "http": "HTTP", "bash": "Shell", "sh": "Shell", "shell": "Shell", "console": "Shell",
	"zsh": "Shell", "curl": "Shell", "js": "JavaScript", "javascript": "JavaScript", "ts": "TypeScript",
	"typescript": "TypeScript", "python": "Python", "py": "Python", "go": "Go", "yaml": "YAML",
	"yml": "YAML", "toml": "TOML", "html": "HTML", "xml": "XML", "text": "Text", "ruby": "Ruby",
	"rb": "Ruby", "java": "Java", "php": "PHP", "csharp": "C#", "cs": "C#", "rust": "Rust",
	"diff": "Diff", "sql": "SQL", "ini": "INI", "dotenv": "Env", "env": "Env",
}

// label is the head of a code block whose fence names lang: the language's name, else lang as
// written, else "Code"; an example response says so.
func label(lang string, response bool) string {
	l := langNames[strings.ToLower(lang)]
	if l == "" {
		l = lang
	}
	if l == "" {
		l = "Code"
	}
	if response {
		l += " · example response"
	}
	return l
}
