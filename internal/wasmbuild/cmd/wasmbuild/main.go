// Command wasmbuild builds the playground module of the errdocs checkout it runs in into a
// folder, with wasm_exec.js and the .br and .gz copies (package wasmbuild). ./build.sh wasm
// runs it:
//
//	go run ./internal/wasmbuild/cmd/wasmbuild static
package main

import (
	"context"
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
	if len(args) != 1 {
		return fmt.Errorf("usage: wasmbuild DIR")
	}
	dir := args[0]
	wd, err := os.Getwd()
	if err != nil {
		return err
	}
	root, err := wasmbuild.Checkout(wd)
	if err != nil {
		return err
	}
	if err := wasmbuild.Build(context.Background(), wasmbuild.Toolchain{Env: os.Environ()}, root, dir); err != nil {
		return err
	}
	for _, f := range []string{"errdocs.wasm", "errdocs.wasm.br", "errdocs.wasm.gz"} {
		st, err := os.Stat(filepath.Join(dir, f))
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "%s: %d bytes (%.1f KB)\n", filepath.Join(dir, f), st.Size(), float64(st.Size())/1024)
	}
	return nil
}
