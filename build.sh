#!/usr/bin/env bash
# build.sh: every step of building, testing and serving errdocs, as named functions.
# Run one step with ./build.sh STEP; with no step it runs "all". Each step can run alone.
#
#   serve       fetch what is needed, build the WASM module and the site, serve it with live reload
#   test        every test: generated files, vet, the scripts' type check, unit and golden tests,
#               short fuzz runs, the WASM shim under node, and the real-browser tests in headless
#               Chromium
#   generate    regenerate templ components (go tool templ), and wire's codecs, the verdict's
#               TypeScript declarations and the reason phrases (go generate ./wasm/internal/wire),
#               and the front-matter reference and JSON Schemas (go generate ./catalog/load)
#   vet         gofmt and go vet
#   typecheck   type-check the playground's scripts with the TypeScript compiler pinned in
#               package-lock.json (npm ci, then tsc over tsconfig.json and tsconfig.worker.json)
#   wasm        build the playground module into static/ (wasm_exec.js from GOROOT, .br and .gz)
#   site        build the site into public/
#   bench       engine benchmarks (explain a 2 KB and a 1 MB paste)
#   bench-site  build 10,000 generated pages with errdocs and with Hugo, print the ratios
#   bench-wasm  measure the playground in headless Chromium: size, time to ready beside a Go
#               hello-world module's, paste times
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v go >/dev/null 2>&1 && [ -x /usr/local/go/bin/go ]; then
  PATH="/usr/local/go/bin:$PATH"
fi
export GOFLAGS="${GOFLAGS:-} -mod=readonly"

say() { printf '==> %s\n' "$*" >&2; }

# need_chromium installs Debian's chromium when it is missing (the browser tests drive it).
need_chromium() {
  command -v chromium >/dev/null 2>&1 && return 0
  say "installing chromium (Debian package) for the browser tests"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
}

# need_node makes sure node is there for the WASM shim tests (go_js_wasm_exec runs under node).
need_node() {
  command -v node >/dev/null 2>&1 && return 0
  say "installing nodejs (Debian package) for the WASM shim tests"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq nodejs >/dev/null
}

step_generate() {
  say "generate templ components, the playground's JSON codecs and its TypeScript contract, the front-matter reference"
  go tool templ generate -log-level error
  go generate ./wasm/internal/wire
  go generate ./catalog/load
}

# step_check_generated fails when the committed generated files (*_templ.go, and wire's
# codec_gen.go, verdict.gen.d.ts and reasons.gen.js, and the front-matter reference
# docs/front-matter.md with its JSON Schemas catalog/load/schema/*.json) differ from what the
# generators write (templ's ensure-generated).
step_check_generated() {
  say "check generated files are committed"
  step_generate
  local gen=('*_templ.go' '*_gen.go' '*.gen.d.ts' '*.gen.js' 'docs/front-matter.md' 'catalog/load/schema/*.json')
  if ! git diff --quiet -- "${gen[@]}"; then
    git --no-pager diff --stat -- "${gen[@]}" >&2
    echo "generated files are out of date: run ./build.sh generate and commit" >&2
    return 1
  fi
}

step_vet() {
  say "gofmt, go vet and staticcheck"
  local bad
  bad=$(gofmt -l $(git ls-files '*.go' | grep -v '_templ.go$') 2>/dev/null || true)
  if [ -n "$bad" ]; then
    echo "gofmt needed on: $bad" >&2
    return 1
  fi
  # internal/printf stands in for fmt in the engine (see its doc); vet checks its Sprintf calls too
  # (it would reject the %w of printf.Errorf, which it knows only in fmt.Errorf).
  local pf=github.com/errdocs/errdocs/internal/printf
  go vet -printf.funcs="$pf.Sprintf" ./...
  # staticcheck is pinned in go.mod (go get -tool), so everyone runs the same version.
  go tool staticcheck ./...
}

# step_typecheck checks the playground's scripts (JavaScript with JSDoc types, // @ts-check)
# against wasm/errdocs.d.ts and the generated verdict types. npm ci installs exactly the
# TypeScript of package-lock.json into node_modules/ (not committed); tsc only checks (noEmit).
step_typecheck() {
  need_node
  command -v npm >/dev/null 2>&1 || {
    say "installing npm (Debian package) for the type check"
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq npm >/dev/null
  }
  say "type-check the playground's scripts (tsc)"
  npm ci --no-audit --no-fund --loglevel=error
  npx --no-install tsc -p tsconfig.json
  npx --no-install tsc -p tsconfig.worker.json
}

# build_module PKG OUT builds the Go package PKG for the browser into OUT the way the playground's
# module is built, packs its data segments and writes OUT.br and OUT.gz beside it. bench-wasm
# builds its hello-world reference with it too, so both modules get the same flags.
build_module() {
  local pkg=$1 out=$2
  # -gcflags=all=-l: no inlining. It makes the module about 120 KB of brotli smaller; see the
  # README's Performance section for what it costs in speed.
  GOOS=js GOARCH=wasm go build -trimpath -gcflags=all=-l -ldflags="-s -w" -o "$out" "$pkg"
  # Join the data segments Go's linker splits at every run of zeros: the same memory, and
  # about 68 KB less brotli (see wasm/internal/packdata).
  go run ./wasm/internal/packdata "$out"
  rm -f "$out.br" "$out.gz"
  go run ./site/internal/compress "$out"
}

step_wasm() {
  if [ ! -d wasm ] || [ -z "$(ls wasm/*.go 2>/dev/null)" ]; then
    say "no wasm module yet; skipping"
    return 0
  fi
  say "build the playground module"
  build_module ./wasm static/errdocs.wasm
  cp "$(go env GOROOT)/lib/wasm/wasm_exec.js" static/wasm_exec.js
}

step_site() {
  say "build the site into public/"
  go run ./cmd/errdocs build -o public "$@"
}

step_serve() {
  go mod download
  step_wasm
  say "serve the site (Ctrl-C stops)"
  go run ./cmd/errdocs serve "$@"
}

# step_fuzz runs every fuzz target for a short while. The budget is a count of executions, not a
# duration: go1.26's fuzz coordinator can report a bogus "context deadline exceeded" when a
# duration runs out mid-execution (golang/go#75804, fixed in go1.27).
step_fuzz() {
  local t="${FUZZTIME:-20000x}"
  say "short fuzz runs ($t each)"
  local pkg target
  while read -r pkg target; do
    # A new input is minimised for at most 100 runs (the default is 60 s each, which stalls
    # a short run on slow targets); a crasher is still reported in full.
    go test "$pkg" -run '^$' -fuzz "^${target}\$" -fuzztime "$t" -fuzzminimizetime 100x
  done < <(grep -rl --include='*_test.go' '^func Fuzz' . | sort | while read -r f; do
             d=$(dirname "$f")
             grep -o '^func Fuzz[A-Za-z0-9_]*' "$f" | sed 's/^func //' | while read -r fn; do echo "./${d#./} $fn"; done
           done)
}

step_test() {
  step_check_generated
  step_vet
  step_typecheck
  need_chromium
  # The playground and the paste boxes need the module: the browser tests load it.
  step_wasm
  say "unit, golden and browser tests"
  go test -count=1 ./...
  say "search.js's tokeniser against site/search's table, under node"
  node --test site/search/
  if [ -d wasm ] && [ -n "$(ls wasm/*.go 2>/dev/null)" ]; then
    say "WASM shim tests under node"
    PATH="$(go env GOROOT)/lib/wasm:$PATH" GOOS=js GOARCH=wasm go test -count=1 ./wasm/...
  fi
  step_fuzz
}

step_bench() {
  say "engine benchmarks"
  go test ./engine -run '^$' -bench . -benchmem -count "${COUNT:-5}"
}

step_bench_site() {
  command -v hugo >/dev/null 2>&1 || {
    local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq hugo >/dev/null
  }
  go run ./site/internal/benchsite "$@"
}

# step_bench_wasm also builds the reference the playground's start is timed against: a Go
# hello-world (wasm/internal/benchwasm/hello), built by build_module as the playground's module is.
step_bench_wasm() {
  need_chromium
  step_wasm
  local ref rc=0
  ref=$(mktemp -d)
  say "build the hello-world reference module"
  build_module ./wasm/internal/benchwasm/hello "$ref/hello.wasm" &&
    go run ./wasm/internal/benchwasm -hello "$ref/hello.wasm" "$@" || rc=$?
  rm -rf "$ref"
  return $rc
}

step_all() {
  step_test
  step_wasm
  step_site
}

main() {
  local s="${1:-all}"
  [ $# -gt 0 ] && shift
  case "$s" in
    serve|test|generate|vet|typecheck|wasm|site|bench|fuzz|all) "step_$s" "$@" ;;
    bench-site) step_bench_site "$@" ;;
    bench-wasm) step_bench_wasm "$@" ;;
    *) echo "usage: ./build.sh [serve|test|generate|vet|typecheck|wasm|site|bench|bench-site|bench-wasm|fuzz|all]" >&2; exit 2 ;;
  esac
}

main "$@"
