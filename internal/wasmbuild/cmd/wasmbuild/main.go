// Command wasmbuild builds the playground module of the errdocs checkout it runs in into a
// folder, with wasm_exec.js and the .br and .gz copies (package wasmbuild). ./build.sh wasm
// runs it:
//
//	go run ./internal/wasmbuild/cmd/wasmbuild static
//
// With -pkg it builds another package of the checkout into the module file -o the same way,
// with its .br and .gz (./build.sh bench-wasm's hello-world reference):
//
//	go run ./internal/wasmbuild/cmd/wasmbuild -pkg ./wasm/internal/benchwasm/hello -o DIR/hello.wasm
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/errdocs/errdocs/internal/wasmbuild"
)

func main() {
	if err := Main(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "wasmbuild:", err)
		os.Exit(1)
	}
}

// Main builds the module of the checkout above the working folder into the folder args[0] and
// reports its sizes on w.
func Main(args []string, w io.Writer) error {
	fl := flag.NewFlagSet("wasmbuild", flag.ContinueOnError)
	pkg := fl.String("pkg", "", "build this package of the checkout instead of the playground (with -o)")
	out := fl.String("o", "", "the module file -pkg writes")
	if err := fl.Parse(args); err != nil {
		return err
	}
	if (*pkg == "") != (*out == "") || (*pkg == "" && fl.NArg() != 1) || (*pkg != "" && fl.NArg() != 0) {
		return fmt.Errorf("usage: wasmbuild DIR, or wasmbuild -pkg PKG -o FILE.wasm")
	}
	wd, err := os.Getwd()
	if err != nil {
		return err
	}
	root, err := wasmbuild.Checkout(wd)
	if err != nil {
		return err
	}
	ctx, tc := context.Background(), wasmbuild.Toolchain{Env: os.Environ()}
	var files []string
	if *pkg != "" {
		name, err := filepath.Abs(*out)
		if err != nil {
			return err
		}
		if err := wasmbuild.Package(ctx, tc, root, *pkg, name); err != nil {
			return err
		}
		if _, _, err := wasmbuild.Compress(name); err != nil {
			return err
		}
		files = []string{name, name + ".br", name + ".gz"}
	} else {
		dir := fl.Arg(0)
		if err := wasmbuild.Build(ctx, tc, root, dir); err != nil {
			return err
		}
		for _, f := range []string{"errdocs.wasm", "errdocs.wasm.br", "errdocs.wasm.gz"} {
			files = append(files, filepath.Join(dir, f))
		}
	}
	for _, f := range files {
		st, err := os.Stat(f)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "%s: %d bytes (%.1f KB)\n", f, st.Size(), float64(st.Size())/1024)
	}
	return nil
}
