package main

import (
	"bufio"
	"bytes"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
	"go.yaml.in/yaml/v3"
)

// adoptSection is the README section whose commands runReadme runs.
const adoptSection = "## Adopt errdocs for your API\n"

// codeBlock is a fenced code block: its info string and its text.
type codeBlock struct{ info, text string }

// readmeBlocks returns the fenced code blocks of the README's section that starts with heading.
func readmeBlocks(t *testing.T, root, heading string) []codeBlock {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	i := bytes.Index(src, []byte("\n"+heading))
	if i < 0 {
		t.Fatalf("README.md has no section %q", heading)
	}
	src = src[i+1:]
	if j := bytes.Index(src[len(heading):], []byte("\n## ")); j >= 0 {
		src = src[:len(heading)+j+1]
	}
	var blocks []codeBlock
	doc := goldmark.New().Parser().Parse(text.NewReader(src))
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		fcb, ok := n.(*ast.FencedCodeBlock)
		if !ok || !entering {
			return ast.WalkContinue, nil
		}
		var b codeBlock
		if fcb.Info != nil {
			b.info = strings.TrimSpace(string(fcb.Info.Segment.Value(src)))
		}
		lines := fcb.Lines()
		for k := 0; k < lines.Len(); k++ {
			seg := lines.At(k)
			b.text += string(seg.Value(src))
		}
		blocks = append(blocks, b)
		return ast.WalkSkipChildren, nil
	})
	return blocks
}

// runReadme runs the commands of the README's "Adopt errdocs for your API" in the folder
// project: every line of each "sh" block (bash, one line at a time), errdocs serve started and
// asked for its playground page. Blocks marked "sh needs-account" or "sh needs-docker" are not
// run. The GitHub workflow ("yaml") must call the action with inputs it has, and the
// permissions deploy-pages needs.
func runReadme(t *testing.T, root, project, gobin string, env []string) {
	blocks := readmeBlocks(t, root, adoptSection)
	ran, skipped := 0, 0
	for _, b := range blocks {
		switch b.info {
		case "sh":
			for _, line := range strings.Split(strings.TrimSpace(b.text), "\n") {
				cmdline, _, _ := strings.Cut(line, " #")
				cmdline = strings.TrimSpace(cmdline)
				if cmdline == "" {
					continue
				}
				ran++
				if f := strings.Fields(cmdline); len(f) >= 2 && f[0] == "errdocs" && f[1] == "serve" {
					checkServe(t, project, filepath.Join(gobin, "errdocs"), f[2:], env)
					continue
				}
				cmd := exec.Command("bash", "-c", cmdline)
				cmd.Dir, cmd.Env = project, env
				if out, err := cmd.CombinedOutput(); err != nil {
					t.Errorf("README: %s: %v\n%s", cmdline, err, out)
				}
			}
		case "sh needs-account", "sh needs-docker":
			skipped++
		case "yaml":
			checkWorkflow(t, root, b.text)
		default:
			t.Errorf("README: a %q block in %q: the test runs sh blocks, or skips them when marked needs-account or needs-docker", b.info, strings.TrimSpace(adoptSection))
		}
	}
	if ran == 0 {
		t.Fatal("README: no command run")
	}
	for _, dir := range []string{"public", "site"} {
		if _, err := os.Stat(filepath.Join(project, dir, "index.html")); err != nil {
			t.Errorf("README's builds wrote no %s/index.html", dir)
		}
	}
	t.Logf("README: %d commands run; %d blocks that need an account or Docker not run", ran, skipped)
}

// checkServe starts errdocs serve with args on a free loopback port and asks it for the
// playground page, which must load the module.
func checkServe(t *testing.T, dir, bin string, args []string, env []string) {
	cmd := exec.Command(bin, append(append([]string{"serve"}, args...), "--addr", "127.0.0.1:0")...)
	cmd.Dir, cmd.Env = dir, env
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Wait()
	defer cmd.Process.Kill()
	found := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if u, ok := strings.CutPrefix(sc.Text(), "serving "); ok {
				found <- strings.Fields(u)[0]
			}
		}
		io.Copy(io.Discard, stdout)
	}()
	var base string
	select {
	case base = <-found:
	case <-time.After(2 * time.Minute):
		t.Fatalf("errdocs serve said nothing of where it serves:\n%s", stderr.String())
	}
	resp, err := http.Get(base + "playground/")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !regexp.MustCompile(`data-wasm="/assets/errdocs\.[0-9a-f]+\.wasm"`).Match(body) {
		t.Errorf("errdocs serve: /playground/ is %d and loads no module", resp.StatusCode)
	}
	if strings.Contains(stderr.String(), "building") {
		t.Errorf("errdocs serve built the module again: %s", stderr.String())
	}
}

// checkWorkflow checks the README's GitHub workflow: the job may deploy to Pages, and it calls
// this repository's action with inputs the action has.
func checkWorkflow(t *testing.T, root, src string) {
	var wf struct {
		Permissions map[string]string `yaml:"permissions"`
		Jobs        map[string]struct {
			Environment struct{ Name string } `yaml:"environment"`
			Steps       []struct {
				Uses string            `yaml:"uses"`
				With map[string]string `yaml:"with"`
			} `yaml:"steps"`
		} `yaml:"jobs"`
	}
	if err := yaml.Unmarshal([]byte(src), &wf); err != nil {
		t.Fatalf("README's workflow: %v", err)
	}
	if wf.Permissions["pages"] != "write" || wf.Permissions["id-token"] != "write" {
		t.Errorf("README's workflow: permissions %v; deploy-pages needs pages: write and id-token: write", wf.Permissions)
	}
	act := readAction(t, root)
	calls := 0
	for name, job := range wf.Jobs {
		for _, st := range job.Steps {
			if !strings.HasPrefix(st.Uses, "errdocs/errdocs@") {
				continue
			}
			calls++
			if job.Environment.Name != "github-pages" {
				t.Errorf("README's workflow: job %s deploys without the github-pages environment", name)
			}
			for k := range st.With {
				if _, ok := act.Inputs[k]; !ok {
					t.Errorf("README's workflow passes %q; action.yml has no such input", k)
				}
			}
		}
	}
	if calls != 1 {
		t.Errorf("README's workflow calls the action %d times", calls)
	}
}

// action is what runAction reads of action.yml.
type action struct {
	Inputs map[string]struct {
		Default string `yaml:"default"`
	} `yaml:"inputs"`
	Runs struct {
		Using string `yaml:"using"`
		Steps []struct {
			ID    string            `yaml:"id"`
			If    string            `yaml:"if"`
			Uses  string            `yaml:"uses"`
			With  map[string]string `yaml:"with"`
			Shell string            `yaml:"shell"`
			Env   map[string]string `yaml:"env"`
			Run   string            `yaml:"run"`
		} `yaml:"steps"`
	} `yaml:"runs"`
}

func readAction(t *testing.T, root string) *action {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(root, "action.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var a action
	if err := yaml.Unmarshal(data, &a); err != nil {
		t.Fatalf("action.yml: %v", err)
	}
	return &a
}

// runAction runs action.yml's steps in the folder project, as a runner would with the
// inputs content (default), version (the version just published) and the rest at their
// defaults. Its shell steps run in bash with their env, whose ${{ }} expressions are
// evaluated from a table (an expression the table lacks fails the test); a run script must
// hold no expression, since one there would be pasted into the script unquoted. Its uses steps
// are stood in for: setup-go by the Go on PATH, configure-pages by a Pages URL,
// upload-pages-artifact by a check of the folder it uploads; deploy-pages is not run.
func runAction(t *testing.T, root, project, tmp, version string, env []string) {
	a := readAction(t, root)
	if a.Runs.Using != "composite" {
		t.Fatalf("action.yml runs using %q, want composite", a.Runs.Using)
	}
	runnerTemp := filepath.Join(tmp, "runner")
	os.MkdirAll(runnerTemp, 0o755)
	pagesURL := "https://example.github.io/docs"
	exprs := map[string]string{
		"inputs.content":    a.Inputs["content"].Default,
		"inputs.version":    version,
		"inputs.go-version": a.Inputs["go-version"].Default,
		"inputs.base-url || steps.pages.outputs.base_url": pagesURL,
		"runner.temp":                   runnerTemp,
		"steps.deploy.outputs.page_url": pagesURL + "/",
	}
	expr := regexp.MustCompile(`\$\{\{\s*(.*?)\s*\}\}`)
	eval := func(s string) string {
		return expr.ReplaceAllStringFunc(s, func(m string) string {
			k := expr.FindStringSubmatch(m)[1]
			v, ok := exprs[k]
			if !ok {
				t.Fatalf("action.yml: the test cannot evaluate ${{ %s }}", k)
			}
			return v
		})
	}
	var uses []string
	for _, st := range a.Runs.Steps {
		name, _, _ := strings.Cut(st.Uses, "@")
		uses = append(uses, name)
		switch {
		case name == "actions/setup-go":
			if eval(st.With["go-version"]) != "1.26" {
				t.Errorf("action.yml sets up Go %q", st.With["go-version"])
			}
		case name == "actions/configure-pages":
			if st.ID != "pages" {
				t.Errorf("configure-pages has id %q; the build step reads steps.pages", st.ID)
			}
		case name == "actions/upload-pages-artifact":
			dir := eval(st.With["path"])
			if _, err := os.Stat(filepath.Join(dir, "index.html")); err != nil {
				t.Errorf("upload-pages-artifact uploads %s, which has no index.html", dir)
			}
			page, _ := os.ReadFile(filepath.Join(dir, "playground", "index.html"))
			if !bytes.Contains(page, []byte(`data-wasm="/docs/assets/errdocs.`)) {
				t.Errorf("the uploaded site's playground does not load its module under the Pages path /docs/")
			}
		case name == "actions/deploy-pages":
			if st.If != "inputs.deploy == 'true'" {
				t.Errorf("deploy-pages runs if %q", st.If)
			}
		case st.Run != "":
			if st.Shell != "bash" {
				t.Errorf("a run step with shell %q", st.Shell)
			}
			if strings.Contains(st.Run, "${{") {
				t.Errorf("action.yml: an expression in a run script (pass it through env): %s", st.Run)
			}
			cmd := exec.Command("bash", "-e", "-c", st.Run)
			cmd.Dir, cmd.Env = project, slices.Clone(env)
			for k, v := range st.Env {
				cmd.Env = append(cmd.Env, k+"="+eval(v))
			}
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("action.yml: %s: %v\n%s", st.Run, err, out)
			}
		default:
			t.Errorf("action.yml uses %s, which the test does not know", st.Uses)
		}
	}
	want := []string{"actions/setup-go", "actions/configure-pages", "", "", "actions/upload-pages-artifact", "actions/deploy-pages"}
	if !slices.Equal(uses, want) {
		t.Errorf("action.yml's steps use %q, want %q", uses, want)
	}
}
