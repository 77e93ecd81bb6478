package main

import (
	"bytes"
	"os"
)

func main() {
	os.Stdout.Write(bytes.Repeat([]byte("y"), 100000000))
}
