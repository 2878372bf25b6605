// Command hello is the reference module of ./build.sh bench-wasm: a Go hello-world, built for
// GOOS=js GOARCH=wasm with the same toolchain, flags and data packing as the playground's module
// (build.sh's build_module), served the same way, so the benchmark can time the playground's
// start against the least any Go module needs to start in a worker.
package main

func main() {
	println("hello")
}
