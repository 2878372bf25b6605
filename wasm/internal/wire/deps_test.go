//go:build !js

package wire

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestModuleDeps checks what the playground's module links: none of fmt, reflect,
// encoding/json and time (each costs tens of KB; time's init also slows the module's start), and
// of our packages only those meant for the browser.
func TestModuleDeps(t *testing.T) {
	cmd := exec.Command("go", "list", "-deps", "-f", "{{.ImportPath}} {{.Standard}}", "./wasm")
	cmd.Dir = "../../.."
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		p, std, _ := strings.Cut(line, " ")
		switch {
		case std == "true" && (p == "fmt" || p == "reflect" || p == "encoding/json" || p == "time"):
			t.Errorf("the module links %s", p)
		case std == "true":
		case p == "github.com/errdocs/errdocs/catalog", p == "github.com/errdocs/errdocs/wasm",
			p == "github.com/errdocs/errdocs/engine", strings.HasPrefix(p, "github.com/errdocs/errdocs/engine/"),
			p == "github.com/errdocs/errdocs/internal/ascii", p == "github.com/errdocs/errdocs/internal/jsonx",
			p == "github.com/errdocs/errdocs/internal/printf", p == "github.com/errdocs/errdocs/internal/lazyre",
			p == "github.com/errdocs/errdocs/internal/jsonlite", p == "github.com/errdocs/errdocs/wasm/internal/wire",
			p == "github.com/errdocs/errdocs/internal/timetext", p == "github.com/errdocs/errdocs/internal/instant":
		default:
			t.Errorf("the module links %s", p)
		}
	}
}
