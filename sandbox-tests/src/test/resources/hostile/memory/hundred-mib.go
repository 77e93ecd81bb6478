package main

import (
	"fmt"
	"runtime"
)

func main() {
	block := make([]byte, 100<<20)
	for i := range block {
		block[i] = 'x'
	}
	fmt.Println("touched", len(block)>>20, "MiB")
	runtime.KeepAlive(block)
}
