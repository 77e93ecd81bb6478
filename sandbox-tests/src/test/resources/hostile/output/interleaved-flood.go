package main

import (
	"bytes"
	"os"
)

func main() {
	out := bytes.Repeat([]byte("out\n"), 4096)
	err := bytes.Repeat([]byte("err\n"), 4096)
	go func() {
		for {
			os.Stderr.Write(err)
		}
	}()
	for {
		os.Stdout.Write(out)
	}
}
