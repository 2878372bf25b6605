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
#   site        build the module, then the site into public/
#   lighthouse  score the home page, a code page and the playground with Lighthouse (pinned in
#               package-lock.json) in headless Chromium; fail below 100 in any category
#   bench       engine benchmarks (explain a 2 KB and a 1 MB paste)
#   bench-site  build 10,000 generated pages with errdocs and with Hugo, print the ratios
#   bench-wasm  measure the playground in headless Chromium: size, time to ready beside a Go
#               hello-world module's, paste times
#   bench-search  build 10,000 generated pages, then type queries in headless Chromium: bytes
#               sent (brotli) per query and the time from keystroke to results drawn
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
# catalog/load/schema/front-matter.md beside its JSON Schemas catalog/load/schema/*.json) differ from what the
# generators write (templ's ensure-generated).
step_check_generated() {
  say "check generated files are committed"
  step_generate
  local gen=('*_templ.go' '*_gen.go' '*.gen.d.ts' '*.gen.js' 'catalog/load/schema/front-matter.md' 'catalog/load/schema/*.json')
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

# need_npm_packages installs exactly the packages of package-lock.json (TypeScript and
# Lighthouse) into node_modules/ (not committed) with npm ci, once per build.sh run.
npm_done=""
need_npm_packages() {
  [ -n "$npm_done" ] && return 0
  need_node
  command -v npm >/dev/null 2>&1 || {
    say "installing npm (Debian package) for the type check and Lighthouse"
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq npm >/dev/null
  }
  npm ci --no-audit --no-fund --loglevel=error
  npm_done=1
}

# step_typecheck checks the playground's scripts (JavaScript with JSDoc types, // @ts-check)
# against wasm/errdocs.d.ts and the generated verdict types, with the TypeScript of
# package-lock.json; tsc only checks (noEmit).
step_typecheck() {
  need_npm_packages
  say "type-check the playground's scripts (tsc)"
  npx --no-install tsc -p tsconfig.json
  npx --no-install tsc -p tsconfig.worker.json
}

step_wasm() {
  if [ ! -d wasm ] || [ -z "$(ls wasm/*.go 2>/dev/null)" ]; then
    say "no wasm module yet; skipping"
    return 0
  fi
  say "build the playground module"
  # The module, wasm_exec.js and the .br and .gz copies, with the flags the errdocs command
  # uses when it builds the module itself (internal/wasmbuild: one recipe for both).
  go run ./internal/wasmbuild/cmd/wasmbuild static
}

step_site() {
  step_wasm
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
  # About a minute on 2 cores (see the README's Performance section); the module is built above.
  say "Lighthouse: the home page, a code page and the playground"
  go run ./site/internal/lighthouse
  if [ -d wasm ] && [ -n "$(ls wasm/*.go 2>/dev/null)" ]; then
    say "WASM shim tests under node"
    PATH="$(go env GOROOT)/lib/wasm:$PATH" GOOS=js GOARCH=wasm go test -count=1 ./wasm/...
  fi
  step_fuzz
}

# step_lighthouse scores the home page, a code page and the playground with the Lighthouse of
# package-lock.json in Debian's Chromium, the site served as a static host serves it
# (compressed), and fails when any of the four categories is below 100 (site/internal/lighthouse).
step_lighthouse() {
  need_chromium
  need_npm_packages
  step_wasm
  say "Lighthouse: the home page, a code page and the playground"
  go run ./site/internal/lighthouse "$@"
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

step_bench_search() {
  need_chromium
  go run ./site/internal/benchsite -search "$@"
}

# step_bench_wasm also builds the reference the playground's start is timed against: a Go
# hello-world (wasm/internal/benchwasm/hello), built by internal/wasmbuild as the playground's is.
step_bench_wasm() {
  need_chromium
  step_wasm
  local ref rc=0
  ref=$(mktemp -d)
  say "build the hello-world reference module"
  go run ./internal/wasmbuild/cmd/wasmbuild -pkg ./wasm/internal/benchwasm/hello -o "$ref/hello.wasm" &&
    go run ./wasm/internal/benchwasm -hello "$ref/hello.wasm" "$@" || rc=$?
  rm -rf "$ref"
  return $rc
}

step_all() {
  step_test
  step_site
}

main() {
  local s="${1:-all}"
  [ $# -gt 0 ] && shift
  case "$s" in
    serve|test|generate|vet|typecheck|wasm|site|bench|fuzz|lighthouse|all) "step_$s" "$@" ;;
    bench-site) step_bench_site "$@" ;;
    bench-wasm) step_bench_wasm "$@" ;;
    bench-search) step_bench_search "$@" ;;
    *) echo "usage: ./build.sh [serve|test|generate|vet|typecheck|wasm|site|lighthouse|bench|bench-site|bench-wasm|bench-search|fuzz|all]" >&2; exit 2 ;;
  esac
}

main "$@"
