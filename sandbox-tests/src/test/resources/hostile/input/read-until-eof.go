package main

import (
	"fmt"
	"io"
	"os"
)

func main() {
	total, _ := io.Copy(io.Discard, os.Stdin)
	fmt.Println(total, "bytes")
}
