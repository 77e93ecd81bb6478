package main

import "os"

func main() {
	os.Stderr.WriteString("fatal error: runtime: out of memory\n")
	os.Exit(1)
}
