package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
	"golang.org/x/mod/modfile"
)

// goreleaser is the part of .goreleaser.yaml that TestReleaseKit reads.
type goreleaser struct {
	Version int `yaml:"version"`
	Before  struct {
		Hooks []string `yaml:"hooks"`
	} `yaml:"before"`
	Builds []struct {
		Main    string   `yaml:"main"`
		Binary  string   `yaml:"binary"`
		Env     []string `yaml:"env"`
		Flags   []string `yaml:"flags"`
		Ldflags []string `yaml:"ldflags"`
		Goos    []string `yaml:"goos"`
		Goarch  []string `yaml:"goarch"`
	} `yaml:"builds"`
}

// instruction is one Dockerfile instruction: its keyword (upper case) and the rest of it, with
// continuation lines joined.
type instruction struct{ cmd, args string }

// dockerfile reads a Dockerfile's instructions. It knows comments, blank lines and lines ending
// in a backslash, which is all errdocs's Dockerfile uses (no heredocs, no parser directives
// besides comments); the test fails on anything else rather than misread it.
func dockerfile(t *testing.T, data []byte) []instruction {
	t.Helper()
	var out []instruction
	var cur strings.Builder
	for _, ln := range strings.Split(string(data), "\n") {
		trimmed := strings.TrimSpace(ln)
		if cur.Len() == 0 && (trimmed == "" || strings.HasPrefix(trimmed, "#")) {
			continue
		}
		if strings.Contains(ln, "<<") {
			t.Fatalf("Dockerfile: a heredoc, which this test does not read: %s", ln)
		}
		if strings.HasSuffix(trimmed, "\\") {
			cur.WriteString(strings.TrimSuffix(trimmed, "\\") + " ")
			continue
		}
		cur.WriteString(trimmed)
		cmd, args, _ := strings.Cut(cur.String(), " ")
		out = append(out, instruction{strings.ToUpper(cmd), strings.TrimSpace(args)})
		cur.Reset()
	}
	return out
}

// TestReleaseKit checks the release kit as far as a machine without goreleaser and Docker
// allows. In a copy of the checkout (what git would commit: no module), it runs
// .goreleaser.yaml's before hooks and its build with the config's flags, and the Dockerfile's
// build-stage commands; then each binary, with no go command on PATH and an empty cache,
// builds a content folder into a site that ships the playground module (so the module is
// embedded). It also checks what goreleaser and Docker would read: the config's version and
// targets, the Dockerfile's Go version (go.mod's), and its final stage (the binary it copies is
// the one it runs, in /site).
func TestReleaseKit(t *testing.T) {
	goCmd, root := buildsWithGo(t, "builds the module and two binaries")
	tmp := t.TempDir()
	src := filepath.Join(tmp, "src")
	for _, name := range checkoutFiles(t, root) {
		data, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		st, _ := os.Stat(filepath.Join(root, filepath.FromSlash(name)))
		dst := filepath.Join(src, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(dst), 0o755)
		if err := os.WriteFile(dst, data, st.Mode().Perm()); err != nil {
			t.Fatal(err)
		}
	}
	sh := func(script string, env ...string) {
		t.Helper()
		cmd := exec.Command("sh", "-c", script)
		cmd.Dir, cmd.Env = src, append(os.Environ(), env...)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%s: %v\n%s", script, err, out)
		}
	}

	// goreleaser: its hooks, then its build, as goreleaser runs them for one target.
	data, err := os.ReadFile(filepath.Join(root, ".goreleaser.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var gr goreleaser
	if err := yaml.Unmarshal(data, &gr); err != nil {
		t.Fatalf(".goreleaser.yaml: %v", err)
	}
	if gr.Version != 2 || len(gr.Builds) != 1 || len(gr.Before.Hooks) == 0 {
		t.Fatalf(".goreleaser.yaml: version %d, %d builds, %d hooks; want version 2, one build, hooks", gr.Version, len(gr.Builds), len(gr.Before.Hooks))
	}
	b := gr.Builds[0]
	for _, os := range []string{"linux", "darwin", "windows"} {
		if !slices.Contains(b.Goos, os) {
			t.Errorf(".goreleaser.yaml builds no %s binary", os)
		}
	}
	if !slices.Contains(b.Env, "CGO_ENABLED=0") {
		t.Error(".goreleaser.yaml: the binaries need cgo")
	}
	for _, h := range gr.Before.Hooks {
		sh(h)
	}
	grBin := filepath.Join(tmp, "goreleaser", b.Binary)
	args := append([]string{"build"}, b.Flags...)
	args = append(args, "-ldflags="+strings.Join(b.Ldflags, " "), "-o", grBin, b.Main)
	cmd := exec.Command(goCmd, args...)
	cmd.Dir, cmd.Env = src, append(os.Environ(), b.Env...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
	}

	// Dockerfile: the build stage's commands, then what the final stage runs.
	data, err = os.ReadFile(filepath.Join(root, "Dockerfile"))
	if err != nil {
		t.Fatal(err)
	}
	gomod, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	mf, err := modfile.ParseLax("go.mod", gomod, nil)
	if err != nil {
		t.Fatal(err)
	}
	goMinor := regexp.MustCompile(`^\d+\.\d+`).FindString(mf.Go.Version)
	var stage, workdir, built, copied, entry string
	for _, in := range dockerfile(t, data) {
		switch in.cmd {
		case "FROM":
			f := strings.Fields(in.args)
			stage = f[len(f)-1]
			if stage == "build" && f[0] != "golang:"+goMinor {
				t.Errorf("Dockerfile builds with %s; go.mod says go %s", f[0], mf.Go.Version)
			}
		case "WORKDIR":
			workdir = in.args
		case "RUN":
			if stage != "build" {
				t.Errorf("Dockerfile: RUN in the final stage %q: it has no shell", stage)
				continue
			}
			sh(in.args)
			if m := regexp.MustCompile(`go build .*-o (\S+) \./cmd/errdocs`).FindStringSubmatch(in.args); m != nil {
				built = filepath.Join(workdir, m[1])
			}
		case "COPY":
			if f := strings.Fields(in.args); f[0] == "--from=build" {
				if f[1] != built {
					t.Errorf("Dockerfile copies %s, but its build stage built %q", f[1], built)
				}
				copied = f[2]
			}
		case "ENTRYPOINT":
			entry = in.args
		}
	}
	if built == "" || workdir != "/site" || entry != `["`+filepath.Base(copied)+`"]` || filepath.Dir(copied) != "/usr/local/bin" {
		t.Errorf("Dockerfile: built %q, copied to %q, entry point %s, working folder %q; want the binary on PATH run in /site", built, copied, entry, workdir)
	}
	dockerBin := filepath.Join(src, filepath.Base(built))

	// Each binary, with no go on PATH, builds a site with the playground from ./content.
	for name, bin := range map[string]string{"goreleaser": grBin, "docker": dockerBin} {
		t.Run(name, func(t *testing.T) {
			project := filepath.Join(tmp, "project-"+name)
			if err := os.CopyFS(filepath.Join(project, "content"), os.DirFS(filepath.Join(root, "engine", "testdata", "thirdapi"))); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(bin, "build")
			cmd.Dir = project
			cmd.Env = []string{"PATH=" + filepath.Join(tmp, "nothing"), "HOME=" + project, "XDG_CACHE_HOME=" + filepath.Join(project, "cache")}
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			if err := cmd.Run(); err != nil || stderr.Len() > 0 {
				t.Fatalf("errdocs build: %v\n%s", err, stderr.String())
			}
			if m, _ := filepath.Glob(filepath.Join(project, "public", "assets", "errdocs.*.wasm")); len(m) != 1 {
				t.Errorf("the site has no module: %v", m)
			}
			if page, _ := os.ReadFile(filepath.Join(project, "public", "acme", "index.html")); page == nil {
				t.Error("./content was not built")
			}
		})
	}
}
