package main

import "os"

func main() {
	r, _, _ := os.Pipe()
	buf := make([]byte, 1)
	r.Read(buf)
}
